// Confirmations of one brokered call (a PKP signature, the first run of a Lit Action in a
// session): entries in the same pending list as session requests, so they share the window, the
// per-origin cap, closing and revocation (4001), and a re-send after a worker stop waits on the
// same entry. The window answers them with `ui_confirm`.
import { ProviderErrorCode, type InternalResults, type ResourceAbilityRequest } from '../messages';
import { enqueue, invalid, rejection, settle } from './approvals';
import { ProviderRpcError } from './errors';
import {
  confirmationDetails,
  getPending,
  purposeOf,
  type PendingConfirmation,
} from './pending-approvals';
import type { RequestContext } from './request-context';
import type { SessionRecord } from './session-records';

/** What the dApp is told when the user says no. */
export function refusalMessage(purpose: PendingConfirmation['purpose']): string {
  return purpose === 'confirm-pkp-sign'
    ? 'The user refused the signature'
    : 'The user refused the Lit Action run';
}

/** Resolves once the user approved; throws 4001 when denied, closed, revoked or disconnected. */
export async function requestConfirmation(
  context: RequestContext,
  requestId: string,
  session: SessionRecord,
  resource: ResourceAbilityRequest,
  confirmation: PendingConfirmation,
): Promise<void> {
  // What is asked is the entry itself, as a follow-up of a session approval queues it too.
  const details = confirmationDetails(session, resource, confirmation);
  const approvedFor = await enqueue(context, requestId, confirmation.purpose, details, () =>
    Promise.resolve(details),
  );
  // A re-sent request finds its entry by request id: it must have confirmed this very session.
  if (approvedFor !== session.id) {
    throw new ProviderRpcError(
      ProviderErrorCode.userRejected,
      'The confirmation was for another session',
    );
  }
}

/** The window's answer to a confirmation (`ui_confirm`). */
export async function answerConfirmation(
  pendingId: string,
  approve: boolean,
): Promise<InternalResults['ui_confirm']> {
  const p = await getPending(pendingId);
  if (!p || p.state !== 'waiting') throw invalid('That request is no longer waiting');
  if (purposeOf(p) === 'session' || !p.confirmation) {
    throw invalid('That request asks for a session: use ui_decide');
  }
  const { purpose, sessionId } = p.confirmation;
  await settle(
    p.id,
    approve ? { sessionId } : rejection(ProviderErrorCode.userRejected, refusalMessage(purpose)),
  );
  return { outcome: approve ? 'approved' : 'denied' };
}
