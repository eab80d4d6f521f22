// A Lit Action's code (read-only, scrollable; or a note when the site named only its CID) and the
// jsParams it runs with, as a session request and a run's confirmation show them.
import { useId } from 'react';

export function ActionCode({
  label,
  code,
  missing,
  jsParams,
}: {
  label: string;
  code: string | null;
  /** Said instead of the code when the site sent only the CID. */
  missing: string;
  /** As indented JSON. */
  jsParams: string;
}) {
  const ids = useId();
  return (
    <>
      <label htmlFor={`${ids}-code`}>{label}</label>
      {code === null ? (
        <p className="muted" id={`${ids}-code`} data-testid="action-code-missing">
          {missing}
        </p>
      ) : (
        <pre className="code" id={`${ids}-code`} tabIndex={0} data-testid="action-code">
          {code}
        </pre>
      )}
      <label htmlFor={`${ids}-params`}>jsParams</label>
      <pre className="code" id={`${ids}-params`} tabIndex={0} data-testid="action-params">
        {jsParams}
      </pre>
    </>
  );
}
