import { decrypt } from '../../../client/decrypt';
import { decodeCiphertext } from '../../../protocol/encryption-format';
import { decryptionResourceId } from '../../../protocol/resources';
import type { ProviderParams, ProviderResults, ResourceAbilityRequest } from '../../messages';
import { nodesThatAnswered } from '../brokered-errors';
import { checkedConditions, encodeData, invalidParam } from '../brokered-params';
import { brokered } from '../brokered-session';
import type { RequestContext } from '../request-context';

/**
 * `lit_decrypt`: the nodes check the conditions for this origin's session that covers
 * `<conditions hash>/<dataToEncryptHash>` and return shares; the worker opens the ciphertext and
 * hands the page only the plaintext.
 */
export async function handleDecrypt(
  params: ProviderParams<'lit_decrypt'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_decrypt']> {
  const conditions = checkedConditions(params);
  try {
    decodeCiphertext(params.ciphertext);
  } catch (e) {
    throw invalidParam('ciphertext', (e as Error).message.slice(0, 200));
  }
  const resource: ResourceAbilityRequest = {
    resource: {
      resource: decryptionResourceId(conditions.hashHex, params.dataToEncryptHash),
      resourcePrefix: 'lit-accesscontrolcondition',
    },
    ability: 'access-control-condition-decryption',
  };
  const plaintext = await brokered(context, requestId, {
    method: 'lit_decrypt',
    resource,
    what: 'the decryption',
    run: async (sessionSigs, network) => {
      const opened = await decrypt(network, {
        ...conditions.params,
        sessionSigs,
        ciphertext: params.ciphertext,
        dataToEncryptHash: params.dataToEncryptHash,
        chain: params.chain,
      });
      return {
        result: opened.plaintext,
        nodes: nodesThatAnswered(opened.signers, opened.failures),
      };
    },
  });
  return { data: encodeData(plaintext, params.encoding) };
}
