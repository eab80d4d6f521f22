// One handler per provider method; the router looks them up here.
import type { ProviderMethod, ProviderParams, ProviderResults } from '../../messages';
import type { RequestContext } from '../request-context';
import { ProviderErrorCode } from '../../messages';
import { ProviderRpcError } from '../errors';
import { handleDisconnect } from './lit_disconnect';
import { handleGetLitActionSessionSigs } from './lit_getLitActionSessionSigs';
import { handleGetPkpSessionSigs } from './lit_getPkpSessionSigs';
import { handleGetSessionSigs } from './lit_getSessionSigs';
import { handleGetSessions } from './lit_getSessions';
import { handleLitPing } from './lit_ping';
import { handleRevokeSession } from './lit_revokeSession';

function notYet(): Promise<never> {
  return Promise.reject(new ProviderRpcError(ProviderErrorCode.unsupportedMethod, 'Not built yet'));
}

export type ProviderHandler<M extends ProviderMethod> = (
  params: ProviderParams<M>,
  context: RequestContext,
  /** The page's id for this request (a re-send after a worker restart carries the same). */
  requestId: string,
) => Promise<ProviderResults[M]>;

export const providerHandlers: { [M in ProviderMethod]: ProviderHandler<M> } = {
  lit_ping: handleLitPing,
  lit_getSessionSigs: handleGetSessionSigs,
  lit_getPkpSessionSigs: handleGetPkpSessionSigs,
  lit_getLitActionSessionSigs: handleGetLitActionSessionSigs,
  lit_getSessions: handleGetSessions,
  lit_revokeSession: handleRevokeSession,
  lit_disconnect: handleDisconnect,
  // CONTRACT-ONLY (issue #8, being built): answered as unknown until their handlers land.
  lit_pkpSign: notYet,
  lit_executeJs: notYet,
  lit_encrypt: notYet,
  lit_decrypt: notYet,
  lit_getSignedToken: notYet,
};
