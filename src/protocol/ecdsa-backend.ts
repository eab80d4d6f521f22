// The pluggable secp256k1 operations: public-key recovery behind `recoverAddress` and the check of
// a combined PKP signature behind `combineEcdsaShares`. Pure-JS noble by default (browser, worker,
// Node), replaceable from outside by libsecp256k1 in Node (`libsecp256k1-node.ts`): recovering
// every EthWallet AuthSig is the largest cost a devnet node pays per request, and verifying each
// signature is the largest compute a Node client pays per pkpSign.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { toHex } from './bytes';

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

export interface EcdsaVerifyBackend {
  /** A short name for logs and benchmarks. */
  readonly name: string;
  /**
   * The recovery id (0–3) with which the 64-byte `r ‖ s` (s low) over the 32-byte `digest`, taken
   * as is (no hashing), recovers to the 65-byte uncompressed `publicKey`; null when it is not a
   * signature by that key. `hint` is the id to try first (the nodes' R says which it should be).
   */
  recoveryId(
    digest: Uint8Array,
    signature: Uint8Array,
    publicKey: Uint8Array,
    hint: number,
  ): number | null;
}

const Point = secp256k1.Point;

// A client signs with the same few PKPs again and again: keep their points, with a precomputed
// multiplication table (window 4: ~30 ms once) from the second use on, which makes
// verification about 2.5× cheaper.
const KEY_CACHE_SIZE = 32;
const keyCache = new Map<string, { point: InstanceType<typeof Point>; uses: number }>();

function keyEntry(publicKey: Uint8Array): { point: InstanceType<typeof Point>; uses: number } {
  const id = toHex(publicKey);
  let entry = keyCache.get(id);
  if (!entry) {
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
    entry = { point: Point.fromBytes(publicKey), uses: 0 };
    keyCache.set(id, entry);
  }
  return entry;
}

/**
 * The point of a 33- or 65-byte secp256k1 public key, checked on the curve (throws when it is
 * not), from the same cache: a PKP's key is parsed once, not at every signature.
 */
export function publicKeyPoint(publicKey: Uint8Array): InstanceType<typeof Point> {
  return keyEntry(publicKey).point;
}

function cachedKey(publicKey: Uint8Array): InstanceType<typeof Point> {
  const entry = keyEntry(publicKey);
  if (++entry.uses === 2) entry.point.precompute(4, false);
  return entry.point;
}

const scalar = (bytes: Uint8Array): bigint => BigInt('0x' + toHex(bytes));

/** Pure JavaScript (`@noble/curves`), with the PKP key cache above: runs everywhere. */
export const nobleEcdsaVerifyBackend: EcdsaVerifyBackend = {
  name: 'noble',
  recoveryId(digest, signature, publicKey) {
    const Fn = Point.Fn;
    const r = scalar(signature.subarray(0, 32));
    const s = scalar(signature.subarray(32, 64));
    if (r === 0n || s === 0n || r >= Fn.ORDER || s > Fn.ORDER >> 1n) return null;
    const sInv = Fn.inv(s);
    const h = Fn.create(scalar(digest));
    // X = (h/s)·G + (r/s)·P is the nonce point k·G itself when the signature is valid, so its y
    // gives the recovery id: nothing the nodes said about R is taken on trust.
    const X = Point.BASE.multiplyUnsafe(Fn.mul(h, sInv)).add(
      cachedKey(publicKey).multiplyUnsafe(Fn.mul(r, sInv)),
    );
    if (X.is0()) return null;
    const { x, y } = X.toAffine();
    if (Fn.create(x) !== r) return null;
    return (y & 1n ? 1 : 0) | (x >= Fn.ORDER ? 2 : 0);
  },
};

let currentVerify: EcdsaVerifyBackend = nobleEcdsaVerifyBackend;

/** The backend `combineEcdsaShares` checks its result with. */
export function getEcdsaVerifyBackend(): EcdsaVerifyBackend {
  return currentVerify;
}

/** Replaces the verify backend (e.g. with libsecp256k1 in Node); returns the previous one. */
export function setEcdsaVerifyBackend(backend: EcdsaVerifyBackend): EcdsaVerifyBackend {
  if (
    typeof backend !== 'object' ||
    backend === null ||
    typeof backend.recoveryId !== 'function' ||
    typeof backend.name !== 'string'
  ) {
    throw new TypeError('setEcdsaVerifyBackend: expected { name, recoveryId }');
  }
  const previous = currentVerify;
  currentVerify = backend;
  return previous;
}
