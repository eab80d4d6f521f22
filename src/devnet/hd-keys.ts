// Lit's HD derivation of PKP keys (lit-operations.md, "HD derivation"): the public side lives in
// src/protocol/hd-keys.ts (clients need it too); here, a node's share of a derived key.
import { mod } from '@noble/curves/abstract/modular.js';
import { SECP256K1_ORDER, hdKeyScalar } from '../protocol/hd-keys';

export { HD_KEY_DST, SECP256K1_ORDER, deriveHdPublicKey, hdKeyScalar } from '../protocol/hd-keys';

/**
 * A node's share of the derived key: the same power sum over its root shares, so any threshold
 * of derived shares recombines the PKP's secret key.
 */
export function deriveHdSecretShare(rootShares: readonly bigint[], keyId: Uint8Array): bigint {
  if (rootShares.length < 2) throw new RangeError('rootShares: expected at least 2 roots');
  const d = hdKeyScalar(keyId);
  let acc = 0n;
  for (let k = rootShares.length - 1; k >= 0; k--) {
    acc = mod(acc * d + rootShares[k]!, SECP256K1_ORDER);
  }
  return acc;
}
