import { ProviderErrorCode, type ProviderParams, type ProviderResults } from '../../messages';
import { endSessions } from '../end-sessions';
import { ProviderRpcError } from '../errors';
import type { RequestContext } from '../request-context';

/** `lit_revokeSession`: ends one of this origin's sessions; another origin's id is unknown here. */
export async function handleRevokeSession(
  params: ProviderParams<'lit_revokeSession'>,
  context: RequestContext,
): Promise<ProviderResults['lit_revokeSession']> {
  const { ended } = await endSessions(
    (r) => r.origin === context.origin && r.id === params.sessionId,
    { tellNetwork: true, rejectPending: 'The site revoked its session' },
  );
  if (ended.length === 0) {
    // Same answer whether the id is another origin's or nobody's: no probing across origins.
    throw new ProviderRpcError(
      ProviderErrorCode.invalidParams,
      'Invalid params: params.sessionId: no such session',
    );
  }
  return null;
}
