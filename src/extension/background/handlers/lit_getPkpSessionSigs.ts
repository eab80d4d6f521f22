import type { ProviderParams, ProviderResults } from '../../messages';
import type { RequestContext } from '../request-context';
import { sessionSigsFor } from '../session-sigs-flow';
import { pkpSessionRequest } from '../session-request';

/**
 * `lit_getPkpSessionSigs`: SessionSigs from this origin's session of that PKP, or from a new one:
 * the user approves, their wallet authenticates, and the nodes sign the capability for the PKP.
 */
export async function handleGetPkpSessionSigs(
  params: ProviderParams<'lit_getPkpSessionSigs'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_getPkpSessionSigs']> {
  return sessionSigsFor(pkpSessionRequest(params), context, requestId);
}
