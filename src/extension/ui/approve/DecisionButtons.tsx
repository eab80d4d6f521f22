// The foot of every request in the approval window: the worker's error if the last answer failed,
// Deny, Approve (the form's submit) and, while Approve is disabled, why. Both wait while `held`
// (another request just took the place of the one shown).
import { useId } from 'react';

export function DecisionButtons({
  busy,
  held,
  error,
  notReady,
  onDeny,
}: {
  busy: boolean;
  held: boolean;
  error: string | null;
  /** Why Approve cannot be pressed yet (null when it can). */
  notReady: string | null;
  onDeny: () => void;
}) {
  const id = useId();
  return (
    <>
      {error && (
        <p role="alert" className="error" data-testid="approval-error">
          {error}
        </p>
      )}
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" className="secondary" disabled={busy || held} onClick={onDeny}>
          Deny
        </button>
        <button
          type="submit"
          disabled={busy || held || notReady !== null}
          aria-describedby={notReady === null ? undefined : id}
        >
          Approve
        </button>
      </div>
      {!busy && notReady !== null && (
        <p id={id} className="muted" data-testid="not-ready">
          {notReady}
        </p>
      )}
    </>
  );
}
