// A capacity credits delegation (wire doc §12) from any `personal_sign` function, so the
// extension's built-in account and a page's own wallet can both delegate: the owner of a credit
// lets the listed addresses spend it, `uses` times, until `expiration`.
import {
  createCapacityDelegationAuthSig as buildDelegation,
  type WalletAuthSig,
} from '../protocol/auth-sig';

export interface CapacityDelegationRequest {
  /** `personal_sign` by the credit's owner: resolves with a 0x 65-byte signature. */
  signer: (message: string) => Promise<string>;
  /** The owner's address (the signer's). */
  address: string;
  /** The credit's decimal token id. */
  capacityTokenId: string;
  /** Who may use it (at least one). */
  delegateeAddresses: string[];
  /** How many requests the delegation allows, counted per node; omitted = no count. */
  uses?: string | number;
  /** ISO 8601; default one week from now, as Lit's. */
  expiration?: string;
  /** The network's latest block hash (`network.latestBlockhash`). */
  nonce: string;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The delegation AuthSig, byte-identical to Lit's `createCapacityDelegationAuthSig` for the same
 * inputs; put it among a session's capabilities.
 *
 * @example
 * const delegation = await createCapacityDelegationAuthSig({
 *   signer: (message) => wallet.signMessage(message),
 *   address: wallet.address,
 *   capacityTokenId: '1',
 *   delegateeAddresses: [user],
 *   uses: '3',
 *   nonce: network.latestBlockhash,
 * });
 */
export function createCapacityDelegationAuthSig(
  request: CapacityDelegationRequest,
): Promise<WalletAuthSig> {
  if (typeof request?.signer !== 'function') throw new TypeError('signer: expected a function');
  if (typeof request.address !== 'string' || !ADDRESS.test(request.address)) {
    throw new TypeError('address: expected the owner 0x address');
  }
  if (
    typeof request.capacityTokenId !== 'string' ||
    !/^[0-9]{1,78}$/.test(request.capacityTokenId)
  ) {
    throw new TypeError('capacityTokenId: expected a decimal token id');
  }
  const delegatees = request.delegateeAddresses;
  if (
    !Array.isArray(delegatees) ||
    delegatees.length === 0 ||
    !delegatees.every((a) => typeof a === 'string' && ADDRESS.test(a))
  ) {
    throw new TypeError('delegateeAddresses: expected one or more 0x addresses');
  }
  if (request.uses !== undefined && !/^[1-9][0-9]{0,14}$/.test(String(request.uses))) {
    throw new TypeError('uses: expected a positive whole number');
  }
  if (typeof request.nonce !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(request.nonce)) {
    throw new TypeError('nonce: expected the latest block hash');
  }
  return buildDelegation({
    signer: { signMessage: request.signer, getAddress: async () => request.address },
    nonce: request.nonce,
    capacityTokenId: request.capacityTokenId,
    delegateeAddresses: delegatees,
    ...(request.uses !== undefined ? { uses: String(request.uses) } : {}),
    ...(request.expiration !== undefined ? { expiration: request.expiration } : {}),
  });
}
