// The one path from a session request of any kind to a usable session and SessionSigs: this
// origin's session that covers it (same kind and subject, or any kind for a brokered call; same
// or narrower capabilities; not expired), or else a new session the user approves.
import {
  MAX_SESSION_MINUTES,
  MIN_SESSION_MINUTES,
  ProviderErrorCode,
  type ProviderMethod,
} from '../messages';
import type { SessionSigsMap } from '../../protocol/session-sigs';
import { requestApproval, type FollowUp } from './approvals';
import { bestCoveringSession, type SessionSubject } from './coverage';
import { ProviderRpcError } from './errors';
import { getSessionKey } from './key-vault';
import { mintSessionSigs } from './mint-session-sigs';
import { currentNetwork } from './network';
import type { RequestContext } from './request-context';
import { subjectOf, type SessionRequest } from './session-request';
import type { SessionRecord } from './session-records';
import { removeSessions, sessionsOfOrigin } from './session-store';

function checkExpiration(expiration: string | undefined, now: number): void {
  if (expiration === undefined) return;
  const at = Date.parse(expiration);
  if (!(at >= now + MIN_SESSION_MINUTES * 60_000) || at > now + MAX_SESSION_MINUTES * 60_000) {
    throw new ProviderRpcError(
      ProviderErrorCode.invalidParams,
      `Invalid params: params.expiration: must be at least ${MIN_SESSION_MINUTES} minutes and at most 30 days from now`,
    );
  }
}

/**
 * This origin's session that covers the request (the longest-lasting of `subject`), or a new one
 * the user approves; a session whose key is gone from the vault (cleared site data) is dropped
 * and asked again once. `forMethod`: the brokered call that needs it; `followUp`: what that call
 * must then confirm, queued with the approval (see approvals.ts).
 */
export async function usableSession(
  request: SessionRequest,
  context: RequestContext,
  requestId: string,
  subject: SessionSubject,
  forMethod?: ProviderMethod,
  followUp?: FollowUp,
): Promise<SessionRecord> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let session = bestCoveringSession(
      await sessionsOfOrigin(context.origin),
      request.resourceAbilityRequests,
      Date.now(),
      request.walletSource,
      subject,
    );
    if (!session) {
      const id = await requestApproval(context, requestId, request, forMethod, followUp);
      session = (await sessionsOfOrigin(context.origin)).find((s) => s.id === id);
    }
    if (!session) break;
    if (await getSessionKey(session.publicKey, session.origin)) return session;
    const gone = session.id;
    await removeSessions((r) => r.id === gone);
  }
  throw new ProviderRpcError(ProviderErrorCode.unauthorized, 'The approved session is gone');
}

export async function sessionSigsFor(
  request: SessionRequest,
  context: RequestContext,
  requestId: string,
): Promise<SessionSigsMap> {
  checkExpiration(request.expiration, Date.now());
  // Unreachable network: 4900 now, not after the user approved.
  const network = await currentNetwork();
  const session = await usableSession(request, context, requestId, subjectOf(request));
  const sigs = await mintSessionSigs(session, request.resourceAbilityRequests, network, Date.now());
  if (sigs) return sigs;
  await removeSessions((r) => r.id === session.id);
  throw new ProviderRpcError(ProviderErrorCode.unauthorized, 'The approved session is gone');
}
