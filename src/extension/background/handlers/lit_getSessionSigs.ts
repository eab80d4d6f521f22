import type { ProviderParams, ProviderResults } from '../../messages';
import type { RequestContext } from '../request-context';
import { sessionSigsFor } from '../session-sigs-flow';
import { walletSessionRequest } from '../session-request';

/**
 * `lit_getSessionSigs`: SessionSigs from this origin's wallet session that covers the request, or,
 * when none does, from a new one the user approves in the approval window.
 */
export async function handleGetSessionSigs(
  params: ProviderParams<'lit_getSessionSigs'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_getSessionSigs']> {
  return sessionSigsFor(walletSessionRequest(params), context, requestId);
}
