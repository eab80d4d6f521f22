// A confirmation in the approval window: one PKP signature, or the first run of a Lit Action in a
// session. Approve / Deny answer it with `ui_confirm`; the worker then does (or refuses) the call.
import { useEffect, useId, useRef, useState } from 'react';
import type { PendingApprovalView } from '../../messages';
import { askWorker } from '../shared/worker-client';
import { DecisionButtons } from './DecisionButtons';
import { LitActionRunDetails, PkpSignDetails } from './ConfirmationDetails';
import { OriginName } from './OriginName';

const headings = {
  'confirm-pkp-sign': 'Confirm a PKP signature',
  'confirm-lit-action': 'Confirm a Lit Action run',
} as const;

const asks = {
  'confirm-pkp-sign': 'asks your PKP to sign',
  'confirm-lit-action': 'asks the Lit nodes to run this action with your session',
} as const;

export function Confirmation({
  request,
  replacing,
  held,
  onDeciding,
  onDone,
}: {
  request: PendingApprovalView & { purpose: keyof typeof headings };
  /** It took the place of another request: its heading takes the focus. */
  replacing: boolean;
  /** The decision buttons wait (`request-switch.ts`). */
  held: boolean;
  /** True while the answer is on its way to the worker. */
  onDeciding: (deciding: boolean) => void;
  onDone: () => Promise<void>;
}) {
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (replacing) heading.current?.focus();
  }, [replacing]);
  const [busy, setBusy] = useState(request.state === 'authorizing');
  const [error, setError] = useState<string | null>(null);
  const { confirmation } = request;
  // The details must be those of this purpose; anything else can only be denied.
  const shown = confirmation?.purpose === request.purpose ? confirmation : null;

  const answer = async (approve: boolean) => {
    setBusy(true);
    setError(null);
    onDeciding(true);
    try {
      await askWorker({ type: 'ui_confirm', pendingId: request.id, approve });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
    onDeciding(false);
    await onDone();
  };

  return (
    <form
      className="card"
      aria-labelledby={`${ids}-title`}
      data-testid="confirmation"
      data-purpose={request.purpose}
      onSubmit={(e) => {
        e.preventDefault();
        // Enter in a field submits too: not while the buttons wait.
        if (!held) void answer(true);
      }}
    >
      <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
        {headings[request.purpose]}
      </h2>
      <p>
        <OriginName origin={request.origin} /> {asks[request.purpose]}:
      </p>
      {shown?.purpose === 'confirm-pkp-sign' && <PkpSignDetails confirmation={shown} />}
      {shown?.purpose === 'confirm-lit-action' && <LitActionRunDetails confirmation={shown} />}
      {!shown && (
        <p className="error" role="alert" data-testid="confirmation-missing">
          The extension did not say what is to be confirmed, so it cannot be approved.
        </p>
      )}
      {busy && (
        <p role="status" className="muted">
          {request.purpose === 'confirm-pkp-sign' ? 'Signing…' : 'Running…'}
        </p>
      )}
      <DecisionButtons
        busy={busy}
        held={held}
        error={error}
        notReady={shown ? null : 'There is nothing to approve.'}
        onDeny={() => void answer(false)}
      />
    </form>
  );
}
