// For sessions that may sign with a PKP: confirm each signature in this window (the default) or
// let the site sign without asking until the session ends.
import { useId } from 'react';
import type { PkpSigningPolicy } from '../../messages';

export function PkpSigningChoice({
  value,
  onChange,
}: {
  value: PkpSigningPolicy;
  onChange: (value: PkpSigningPolicy) => void;
}) {
  const ids = useId();
  return (
    <fieldset role="radiogroup" aria-labelledby={`${ids}-legend`} data-testid="pkp-signing">
      <legend id={`${ids}-legend`}>PKP signatures</legend>
      <label className="choice">
        <input
          type="radio"
          name={`${ids}-policy`}
          checked={value === 'confirm'}
          onChange={() => onChange('confirm')}
        />
        <span>Confirm each signature</span>
      </label>
      <label className="choice">
        <input
          type="radio"
          name={`${ids}-policy`}
          checked={value === 'allow'}
          aria-describedby={`${ids}-allow`}
          onChange={() => onChange('allow')}
        />
        <span>Allow for this session</span>
      </label>
      <p id={`${ids}-allow`} className="muted">
        Allowed, the site can have the PKP sign anything, without asking you, until the session ends
        or you revoke it.
      </p>
    </fieldset>
  );
}
