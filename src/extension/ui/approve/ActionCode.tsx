// A Lit Action's code (read-only, scrollable; or a note when the site named only its CID) and the
// jsParams it runs with, as a session request and a run's confirmation show them: wrapped, and
// with invisible and bidi characters written out (`RevealedText`), since the nodes run what the
// code says, not what it looks like.
import { useId } from 'react';
import { RevealedText } from './RevealedText';

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
      {code === null ? (
        <>
          <label htmlFor={`${ids}-code`}>{label}</label>
          <p className="muted" id={`${ids}-code`} data-testid="action-code-missing">
            {missing}
          </p>
        </>
      ) : (
        <RevealedText label={label} text={code} what="The code" testId="action-code" />
      )}
      <RevealedText label="jsParams" text={jsParams} what="The jsParams" testId="action-params" />
    </>
  );
}
