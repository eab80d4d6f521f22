import {
  MAX_SESSION_MINUTES,
  ProviderErrorCode,
  type ProviderParams,
  type ProviderResults,
} from '../../messages';
import { requestApproval } from '../approvals';
import { bestCoveringSession } from '../coverage';
import { ProviderRpcError } from '../errors';
import { mintSessionSigs } from '../mint-session-sigs';
import { currentNetwork } from '../network';
import type { RequestContext } from '../request-context';
import { removeSessions, sessionsOfOrigin } from '../session-store';

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

/**
 * `lit_getSessionSigs`: SessionSigs from this origin's session that covers the request, or, when
 * none does, from a new session the user approves in the approval window.
 */
export async function handleGetSessionSigs(
  params: ProviderParams<'lit_getSessionSigs'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_getSessionSigs']> {
  checkExpiration(params.expiration, Date.now());
  // Unreachable network: 4900 now, not after the user approved.
  const network = await currentNetwork();
  const requests = params.resourceAbilityRequests;
  // A session whose key is gone from the vault (cleared site data) is dropped and asked again once.
  for (let attempt = 0; attempt < 2; attempt++) {
    let session = bestCoveringSession(
      await sessionsOfOrigin(context.origin),
      requests,
      Date.now(),
      params.walletSource,
    );
    if (!session) {
      const id = await requestApproval(context, requestId, params);
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
