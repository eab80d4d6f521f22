// The approval window the worker opens: one pending request at a time (a session to approve, or a
// PKP signature / Lit Action run to confirm), with the rest queued. A session request that failed while being authorized stays on screen with its error until the user moves
// on; the window closes itself once nothing is left to decide or read. Every request that takes
// the place of another is announced, takes the focus, and its buttons wait (`request-switch.ts`).
import { useEffect, useState } from 'react';
import type { PendingApprovalView, ProviderErrorJson } from '../../messages';
import { usePending } from './pending-store';
import { ApprovalRequest } from './ApprovalRequest';
import { Confirmation } from './Confirmation';
import { FailedRequest } from './FailedRequest';
import { NOTHING_SHOWN, nextShown, replacedAnother, SWITCH_HOLD_MS } from './request-switch';

function isConfirmation(
  p: PendingApprovalView,
): p is PendingApprovalView & { purpose: 'confirm-pkp-sign' | 'confirm-lit-action' } {
  return p.purpose !== 'session';
}

/** How the announcement of the next request says what it asks. */
const nextAsks: Record<PendingApprovalView['purpose'], string> = {
  session: 'asks for a Lit session',
  'confirm-pkp-sign': 'asks your PKP to sign',
  'confirm-lit-action': 'asks to run a Lit Action with your session',
};

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
  // Which request is on screen, and whether it replaced another (decided or not): derived while
  // rendering (React's pattern for state that follows props), so no frame shows the new request
  // with live buttons.
  const [decided, setDecided] = useState<ReadonlySet<string>>(() => new Set());
  const [shown, setShown] = useState(NOTHING_SHOWN);
  const [holding, setHolding] = useState<string | null>(null);
  const onScreen = data && current && !failure ? current.id : null;
  const next = nextShown(shown, onScreen, decided);
  if (next !== shown) {
    setShown(next);
    if (replacedAnother(next)) setHolding(next.id);
  }
  useEffect(() => {
    if (holding === null) return;
    const timer = setTimeout(() => setHolding(null), SWITCH_HOLD_MS);
    return () => clearTimeout(timer);
  }, [holding]);
  const arrivedNow = onScreen !== null && next.id === onScreen;
  const switched = arrivedNow && next.arrival === 'switched';
  const replacing = arrivedNow && replacedAnother(next);
  const held = onScreen !== null && holding === onScreen;
  const decidingOn = (id: string) => (on: boolean) => {
    if (on) setDecided((ids) => new Set(ids).add(id));
    setDeciding(on);
  };

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
      {/* Always in the page, so that what it says when the next request comes is announced. */}
      <p role="status" className="muted" data-testid="request-next">
        {current && !failure && arrivedNow && next.arrival === 'next'
          ? `Your answer was sent. Request ${next.count}: ${current.origin} ${nextAsks[current.purpose]}. Read it before you decide.`
          : null}
      </p>
      {data && current && !failure && (
        <>
          {switched && (
            <p role="alert" className="switched" data-testid="request-switched">
              The request you were reading was withdrawn. This is a different request: read it
              before you decide.
            </p>
          )}
          {data.pending.length > 1 && (
            <p className="muted" data-testid="queue">
              Request 1 of {data.pending.length}; the others wait below this one.
            </p>
          )}
          {isConfirmation(current) ? (
            <Confirmation
              key={current.id}
              request={current}
              replacing={replacing}
              held={held}
              onDeciding={decidingOn(current.id)}
              onDone={load}
            />
          ) : (
            <ApprovalRequest
              key={current.id}
              request={current}
              account={data.account}
              defaultSessionMinutes={data.defaultSessionMinutes}
              replacing={replacing}
              held={held}
              onFailed={(e) => setFailure({ origin: current.origin, error: e })}
              onDeciding={decidingOn(current.id)}
              onDone={load}
            />
          )}
        </>
      )}
    </main>
  );
}
