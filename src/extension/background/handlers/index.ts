// One handler per provider method; the router looks them up here.
import type { ProviderMethod, ProviderParams, ProviderResults } from '../../messages';
import type { RequestContext } from '../request-context';
import { handleLitPing } from './lit_ping';

export type ProviderHandler<M extends ProviderMethod> = (
  params: ProviderParams<M>,
  context: RequestContext,
) => Promise<ProviderResults[M]>;

export const providerHandlers: { [M in ProviderMethod]: ProviderHandler<M> } = {
  lit_ping: handleLitPing,
};
