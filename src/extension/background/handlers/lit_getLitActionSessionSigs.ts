import type { ProviderParams, ProviderResults } from '../../messages';
import type { RequestContext } from '../request-context';
import { sessionSigsFor } from '../session-sigs-flow';
import { litActionSessionRequest } from '../session-request';

/**
 * `lit_getLitActionSessionSigs`: as `lit_getPkpSessionSigs`, and the nodes sign only if the Lit
 * Action (run on each of them with `jsParams`) says yes. A kept session serves later requests only
 * for the same PKP, action and `jsParams`.
 */
export async function handleGetLitActionSessionSigs(
  params: ProviderParams<'lit_getLitActionSessionSigs'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_getLitActionSessionSigs']> {
  return sessionSigsFor(litActionSessionRequest(params), context, requestId);
}
