import { encrypt } from '../../../client/encrypt';
import type { ProviderParams, ProviderResults } from '../../messages';
import { checkedConditions, dataBytes } from '../brokered-params';
import { currentNetwork } from '../network';

/**
 * `lit_encrypt`: encrypts in the worker to the network key for the conditions' identity, as Lit's
 * SDK does locally; no session and no node are needed.
 */
export async function handleEncrypt(
  params: ProviderParams<'lit_encrypt'>,
): Promise<ProviderResults['lit_encrypt']> {
  const conditions = checkedConditions(params);
  const data = dataBytes(params.data, params.encoding);
  const network = await currentNetwork();
  return encrypt(network, { ...conditions.params, data });
}
