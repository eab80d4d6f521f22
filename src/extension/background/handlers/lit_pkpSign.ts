import { pkpSign } from '../../../client/pkp-sign';
import { equalBytes, fromHex, toHex } from '../../../protocol/bytes';
import { eip191Hash } from '../../../protocol/ethereum';
import type { ProviderParams, ProviderResults, ResourceAbilityRequest } from '../../messages';
import { invalidParam } from '../brokered-params';
import { brokered } from '../brokered-session';
import type { RequestContext } from '../request-context';
import { sessionPkp } from '../session-request';
import { decodeTransaction, transactionDigest } from '../transaction-view';

/** The dApp's `message` or `transaction` must hash to `toSign`: the user sees what is signed. */
function checkWhatIsSigned(params: ProviderParams<'lit_pkpSign'>, digest: Uint8Array): void {
  if (params.message !== undefined && !equalBytes(eip191Hash(params.message), digest)) {
    throw invalidParam('toSign', 'is not the EIP-191 hash of params.message');
  }
  if (params.transaction !== undefined) {
    try {
      decodeTransaction(params.transaction);
    } catch (e) {
      throw invalidParam('transaction', (e as Error).message);
    }
    if (transactionDigest(params.transaction) !== `0x${toHex(digest)}`) {
      throw invalidParam('toSign', 'is not the keccak256 of params.transaction');
    }
  }
}

/**
 * `lit_pkpSign`: the PKP signs a 32-byte digest through this origin's session that covers the
 * PKP's token id; the user confirms each signature unless they allowed them for the session.
 */
export async function handlePkpSign(
  params: ProviderParams<'lit_pkpSign'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_pkpSign']> {
  const pkp = sessionPkp(params.pubKey, 'pubKey');
  const digest =
    typeof params.toSign === 'string' ? fromHex(params.toSign, 32) : Uint8Array.from(params.toSign);
  checkWhatIsSigned(params, digest);
  const resource: ResourceAbilityRequest = {
    resource: { resource: pkp.tokenId, resourcePrefix: 'lit-pkp' },
    ability: 'pkp-signing',
  };
  return brokered(context, requestId, {
    method: 'lit_pkpSign',
    resource,
    what: 'the signature',
    confirmation: (session) =>
      session.pkpSigning === 'allow'
        ? null
        : {
            purpose: 'confirm-pkp-sign',
            sessionId: session.id,
            pkp,
            digest: `0x${toHex(digest)}`,
            message: params.message ?? null,
            transaction: params.transaction ?? null,
          },
    run: async (sessionSigs, network) => {
      let nodes: string[] = [];
      const result = await pkpSign(network, {
        sessionSigs,
        toSign: digest,
        pubKey: pkp.publicKey,
        onSigners: (urls) => (nodes = urls),
      });
      return { result, nodes };
    },
  });
}
