// The pluggable secp256k1 public-key recovery behind `recoverAddress`: pure-JS noble by default
// (browser, worker, Node), replaceable from outside by a native one (src/devnet/fast-ecdsa.ts),
// since recovering every EthWallet AuthSig is the largest cost a devnet node pays per request.
import { secp256k1 } from '@noble/curves/secp256k1.js';

export interface EcdsaRecoverBackend {
  /** A short name for logs and benchmarks, e.g. `noble` or `libsecp256k1`. */
  readonly name: string;
  /**
   * The 65-byte uncompressed key that signed the 32-byte `hash` with the 64-byte `r ‖ s`
   * (both already checked in range, s low) and recovery bit `recovery` (0 or 1); null when no
   * key recovers.
   */
  recoverPublicKey(hash: Uint8Array, signature: Uint8Array, recovery: 0 | 1): Uint8Array | null;
}

/** Pure JavaScript (`@noble/curves`): runs everywhere. */
export const nobleEcdsaRecoverBackend: EcdsaRecoverBackend = {
  name: 'noble',
  recoverPublicKey(hash, signature, recovery) {
    try {
      return secp256k1.Signature.fromBytes(signature, 'compact')
        .addRecoveryBit(recovery)
        .recoverPublicKey(hash)
        .toBytes(false);
    } catch {
      return null;
    }
  },
};

let current: EcdsaRecoverBackend = nobleEcdsaRecoverBackend;

/** The backend `recoverAddress` uses. */
export function getEcdsaRecoverBackend(): EcdsaRecoverBackend {
  return current;
}

/** Replaces the backend (e.g. with a native one in Node); returns the previous one. */
export function setEcdsaRecoverBackend(backend: EcdsaRecoverBackend): EcdsaRecoverBackend {
  if (
    typeof backend !== 'object' ||
    backend === null ||
    typeof backend.recoverPublicKey !== 'function' ||
    typeof backend.name !== 'string'
  ) {
    throw new TypeError('setEcdsaRecoverBackend: expected { name, recoverPublicKey }');
  }
  const previous = current;
  current = backend;
  return previous;
}
