// The approval window the worker opens: one pending request at a time, with the rest queued.
import { useEffect } from 'react';
import { usePending } from './pending-store';
import { ApprovalRequest } from './ApprovalRequest';

export function Approve() {
  const { data, error, load, watch } = usePending();
  useEffect(() => {
    const stop = watch();
    void load();
    return stop;
  }, [load, watch]);

  const current = data?.pending[0];
  return (
    <main>
      <h1>Approve a Lit session</h1>
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
      {data && !current && (
        <p className="muted" data-testid="nothing-pending">
          No request is waiting for your approval.
        </p>
      )}
      {data && current && (
        <>
          {data.pending.length > 1 && (
            <p className="muted" data-testid="queue">
              Request 1 of {data.pending.length}; the others wait below this one.
            </p>
          )}
          <ApprovalRequest
            key={current.id}
            request={current}
            account={data.account}
            defaultSessionMinutes={data.defaultSessionMinutes}
            onDone={load}
          />
        </>
      )}
    </main>
  );
}
