import type { ProviderResults } from '../../messages';
import type { RequestContext } from '../request-context';
import { sessionsOfOrigin } from '../session-store';
import { toOriginSession } from '../session-summaries';

/** `lit_getSessions`: this origin's sessions, and only this origin's. */
export async function handleGetSessions(
  _params: unknown,
  context: RequestContext,
): Promise<ProviderResults['lit_getSessions']> {
  return (await sessionsOfOrigin(context.origin)).map(toOriginSession);
}
