import type { ProviderResults } from '../../messages';
import { endSessions } from '../end-sessions';
import type { RequestContext } from '../request-context';

/**
 * `lit_disconnect` (`window.lit.disconnectWeb3()`): ends every session of this origin and deletes
 * every key it has in the vault (Lit's SDK leaves its session key behind).
 */
export async function handleDisconnect(
  _params: unknown,
  context: RequestContext,
): Promise<ProviderResults['lit_disconnect']> {
  await endSessions((r) => r.origin === context.origin, {
    tellNetwork: true,
    rejectPending: 'The site disconnected',
    disconnect: [context.origin],
  });
  return null;
}
