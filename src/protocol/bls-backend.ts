// The pluggable BLS engine: pure-JS noble by default (browser, worker, Node), replaceable from
// outside by a native one (src/devnet/fast-bls.ts) without src/protocol importing Node code.
import { G2_LENGTH, decodeG1, decodeG2, decodeScalar, hashToG2, pairingCheck } from './bls-curve';

/**
 * The two hot operations of threshold BLS. Callers have already checked lengths and the secret
 * scalar's range; an implementation must produce byte-identical signatures to noble's.
 */
export interface BlsBackend {
  /** A short name for logs and benchmarks, e.g. `noble` or `blst`. */
  readonly name: string;
  /**
   * `s·H(message)` as a 96-byte compressed G2 point, `H` = hash to G2 with the POP DST.
   * `secretKey` is 32 bytes big-endian with 0 < s < r.
   */
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
  /**
   * True when `signature` (96 bytes, G2) is `pk`'s signature on `message`; false for anything
   * else, including points off the curve, outside the subgroup or at infinity.
   */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /**
   * Optional: the sum of compressed G2 points (each checked to be on the curve, not for the
   * subgroup: the sum is verified as a signature afterwards), compressed; throws on a point it
   * cannot decode. Combining shares uses it when their Lagrange coefficients are small integers.
   */
  aggregate?(points: readonly Uint8Array[]): Uint8Array;
}

/** Pure JavaScript (`@noble/curves`): runs everywhere. */
export const nobleBlsBackend: BlsBackend = {
  name: 'noble',
  sign(secretKey, message) {
    const out = hashToG2(message).multiply(decodeScalar(secretKey)).toBytes();
    if (out.length !== G2_LENGTH) throw new Error('noble: unexpected G2 encoding length');
    return out;
  },
  verify(publicKey, message, signature) {
    try {
      return pairingCheck(decodeG1(publicKey), message, decodeG2(signature));
    } catch {
      return false;
    }
  },
};

let current: BlsBackend = nobleBlsBackend;

/** The backend used by signing and verification in this module. */
export function getBlsBackend(): BlsBackend {
  return current;
}

/**
 * Replaces the backend (e.g. with the native one in Node); returns the previous one so a test or
 * a caller can restore it.
 */
export function setBlsBackend(backend: BlsBackend): BlsBackend {
  if (
    typeof backend !== 'object' ||
    backend === null ||
    typeof backend.sign !== 'function' ||
    typeof backend.verify !== 'function' ||
    typeof backend.name !== 'string' ||
    (backend.aggregate !== undefined && typeof backend.aggregate !== 'function')
  ) {
    throw new TypeError('setBlsBackend: expected { name, sign, verify }');
  }
  const previous = current;
  current = backend;
  return previous;
}
