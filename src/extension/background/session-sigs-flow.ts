// The one path from a session request of any kind to SessionSigs: this origin's session that
// covers it (same kind and subject, same or narrower capabilities, not expired), or else a new
// session the user approves in the approval window.
import { MAX_SESSION_MINUTES, ProviderErrorCode } from '../messages';
import type { SessionSigsMap } from '../../protocol/session-sigs';
import { requestApproval } from './approvals';
import { bestCoveringSession } from './coverage';
import { ProviderRpcError } from './errors';
import { mintSessionSigs } from './mint-session-sigs';
import { currentNetwork } from './network';
import type { RequestContext } from './request-context';
import { subjectOf, type SessionRequest } from './session-request';
import { removeSessions, sessionsOfOrigin } from './session-store';

/** The shortest session worth asking the user for. */
const MIN_EXPIRATION_MS = 2 * 60_000;

function checkExpiration(expiration: string | undefined, now: number): void {
  if (expiration === undefined) return;
  const at = Date.parse(expiration);
  if (!(at >= now + MIN_EXPIRATION_MS) || at > now + MAX_SESSION_MINUTES * 60_000) {
    throw new ProviderRpcError(
      ProviderErrorCode.invalidParams,
      'Invalid params: params.expiration: must be at least 2 minutes and at most 30 days from now',
    );
  }
}

export async function sessionSigsFor(
  request: SessionRequest,
  context: RequestContext,
  requestId: string,
): Promise<SessionSigsMap> {
  checkExpiration(request.expiration, Date.now());
  // Unreachable network: 4900 now, not after the user approved.
  const network = await currentNetwork();
  const requests = request.resourceAbilityRequests;
  const subject = subjectOf(request);
  // A session whose key is gone from the vault (cleared site data) is dropped and asked again once.
  for (let attempt = 0; attempt < 2; attempt++) {
    let session = bestCoveringSession(
      await sessionsOfOrigin(context.origin),
      requests,
      Date.now(),
      request.walletSource,
      subject,
    );
    if (!session) {
      const id = await requestApproval(context, requestId, request);
      session = (await sessionsOfOrigin(context.origin)).find((s) => s.id === id);
    }
    if (!session) break;
    const sigs = await mintSessionSigs(session, requests, network, Date.now());
    if (sigs) return sigs;
    const gone = session.id;
    await removeSessions((r) => r.id === gone);
  }
  throw new ProviderRpcError(ProviderErrorCode.unauthorized, 'The approved session is gone');
}
