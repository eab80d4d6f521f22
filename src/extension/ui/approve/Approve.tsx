// The approval window the worker opens: one pending request at a time (a session to approve, or a
// PKP signature / Lit Action run to confirm), with the rest queued. A session request that failed while being authorized stays on screen with its error until the user moves
// on; the window closes itself once nothing is left to decide or read.
import { useEffect, useState } from 'react';
import type { PendingApprovalView, ProviderErrorJson } from '../../messages';
import { usePending } from './pending-store';
import { ApprovalRequest } from './ApprovalRequest';
import { Confirmation } from './Confirmation';
import { FailedRequest } from './FailedRequest';

function isConfirmation(
  p: PendingApprovalView,
): p is PendingApprovalView & { purpose: 'confirm-pkp-sign' | 'confirm-lit-action' } {
  return p.purpose !== 'session';
}

export function Approve() {
  const { data, error, load, watch } = usePending();
  const [failure, setFailure] = useState<{ origin: string; error: ProviderErrorJson } | null>(null);
  useEffect(() => {
    const stop = watch();
    void load();
    return stop;
  }, [load, watch]);
  // The worker settles a request (and the list empties) before the window hears the outcome of
  // its decision: a failure must still be shown, so nothing closes while a decision is on its way.
  const [deciding, setDeciding] = useState(false);
  useEffect(() => {
    if (data && data.pending.length === 0 && !failure && !deciding) window.close();
  }, [data, failure, deciding]);

  const current = data?.pending[0];
  return (
    <main>
      <h1>{current && isConfirmation(current) ? 'Confirm a request' : 'Approve a Lit session'}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && (
        <p className="muted" role="status" aria-busy="true">
          Loading…
        </p>
      )}
      {failure && (
        <FailedRequest
          origin={failure.origin}
          error={failure.error}
          more={!!current}
          onDismiss={() => setFailure(null)}
        />
      )}
      {data && !current && !failure && (
        <p className="muted" data-testid="nothing-pending">
          No request is waiting for your approval.
        </p>
      )}
      {data && current && !failure && (
        <>
          {data.pending.length > 1 && (
            <p className="muted" data-testid="queue">
              Request 1 of {data.pending.length}; the others wait below this one.
            </p>
          )}
          {isConfirmation(current) ? (
            <Confirmation
              key={current.id}
              request={current}
              onDeciding={setDeciding}
              onDone={load}
            />
          ) : (
            <ApprovalRequest
              key={current.id}
              request={current}
              account={data.account}
              defaultSessionMinutes={data.defaultSessionMinutes}
              onFailed={(e) => setFailure({ origin: current.origin, error: e })}
              onDeciding={setDeciding}
              onDone={load}
            />
          )}
        </>
      )}
    </main>
  );
}
