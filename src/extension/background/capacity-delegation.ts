// A capacity credit attached to a session at approval: the built-in account, which owns the
// credit, signs Lit's `lit:capability:delegation` to the session's address (the wallet's, or the
// PKP's) for the session's lifetime and the uses the user chose. The record keeps the AuthSig and
// mint-session-sigs.ts adds it to every request's capabilities, so the nodes bill that credit.
import { createCapacityDelegationAuthSig } from '../../client/capacity-delegation';
import { verifySiweMessage } from '../../protocol/siwe';
import { ProviderErrorCode, type ApprovalDecision } from '../messages';
import { builtinSigner } from './builtin-account';
import { ownedCredit } from './capacity-credits';
import { ProviderRpcError } from './errors';
import type { KnownNetwork } from './network';
import type { SessionRecord } from './session-records';
import { getSettings } from './settings';

type Approved = Extract<ApprovalDecision, { approve: true }>;

/**
 * Before anything is made for an approval with a credit: the built-in account exists, is unlocked
 * and holds the credit, unexpired, on the configured network. A refusal here leaves the request
 * waiting (the user may pick another credit, or none).
 */
export async function assertCreditAttachable(decision: Approved): Promise<void> {
  const choice = decision.capacityCredit;
  if (!choice) return;
  const { address } = await builtinSigner();
  if (!(await ownedCredit((await getSettings()).rpcUrl, address, choice.tokenId))) {
    throw new ProviderRpcError(
      ProviderErrorCode.invalidParams,
      `The built-in account holds no unexpired capacity credit #${choice.tokenId} on this network`,
    );
  }
}

/**
 * The delegation of the decision's credit to `delegatee` until `expiration` (ISO 8601), signed by
 * the built-in account and checked to be its signature over exactly that message; undefined when
 * the user attached no credit.
 */
export async function delegateCapacity(
  decision: Approved,
  delegatee: string,
  expiration: string,
  network: KnownNetwork,
): Promise<SessionRecord['capacityDelegation']> {
  const choice = decision.capacityCredit;
  if (!choice) return undefined;
  const { address, signer } = await builtinSigner();
  const authSig = await createCapacityDelegationAuthSig({
    signer: (message) => signer.signMessage(message),
    address,
    capacityTokenId: choice.tokenId,
    delegateeAddresses: [delegatee],
    uses: choice.uses,
    expiration,
    nonce: network.latestBlockhash,
  });
  const verified = verifySiweMessage(authSig.signedMessage, authSig.sig);
  if (!verified.ok || verified.signer !== address) {
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      'The capacity delegation is not the built-in account’s signature',
    );
  }
  return { tokenId: choice.tokenId, uses: choice.uses, owner: address, authSig };
}
