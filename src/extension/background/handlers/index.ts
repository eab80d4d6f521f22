// One handler per provider method; the router looks them up here.
import type { ProviderMethod, ProviderParams, ProviderResults } from '../../messages';
import type { RequestContext } from '../request-context';
import { handleDecrypt } from './lit_decrypt';
import { handleDisconnect } from './lit_disconnect';
import { handleEncrypt } from './lit_encrypt';
import { handleExecuteJs } from './lit_executeJs';
import { handleGetLitActionSessionSigs } from './lit_getLitActionSessionSigs';
import { handleGetPkpSessionSigs } from './lit_getPkpSessionSigs';
import { handleGetSessionSigs } from './lit_getSessionSigs';
import { handleGetSessions } from './lit_getSessions';
import { handleGetSignedToken } from './lit_getSignedToken';
import { handleLitPing } from './lit_ping';
import { handlePkpSign } from './lit_pkpSign';
import { handleRevokeSession } from './lit_revokeSession';

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
  lit_pkpSign: handlePkpSign,
  lit_executeJs: handleExecuteJs,
  lit_encrypt: handleEncrypt,
  lit_decrypt: handleDecrypt,
  lit_getSignedToken: handleGetSignedToken,
};
