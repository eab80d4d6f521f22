// Threshold ECDSA as Lit's pkpSign speaks it (lit-operations.md "pkpSign"): which nodes sign a
// request, and how a client turns their additive shares into one Ethereum signature.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromHex, toHex, utf8 } from './bytes';
import { getEcdsaVerifyBackend, publicKeyPoint } from './ecdsa-backend';

const Point = secp256k1.Point;
const N = Point.Fn.ORDER;
const HALF_N = N >> 1n;

function checkDigest(toSign: unknown): asserts toSign is Uint8Array {
  if (!(toSign instanceof Uint8Array) || toSign.length !== 32) {
    throw new TypeError('toSign: expected 32 bytes (a hash; nodes sign it as is)');
  }
}

/**
 * The share ids (1-based, ascending) of the `threshold` nodes that sign `toSign` for the request
 * `requestId`: every node computes the same set from sha256(toSign ‖ requestId), so no node has
 * to ask another who signs, and a client that knows a node is down can pick a request id whose
 * set leaves it out.
 */
export function pkpSigningSet(
  toSign: Uint8Array,
  requestId: string,
  shareIds: readonly number[],
  threshold: number,
): number[] {
  checkDigest(toSign);
  if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > 256) {
    throw new TypeError('requestId: expected a non-empty string of at most 256 characters');
  }
  if (!Array.isArray(shareIds) || shareIds.length === 0 || shareIds.length > 255) {
    throw new RangeError('shareIds: expected 1..255 share ids');
  }
  for (const id of shareIds) {
    if (!Number.isInteger(id) || id < 1 || id > 255) {
      throw new RangeError(`shareIds: ${String(id)} is not an integer in 1..255`);
    }
  }
  if (new Set(shareIds).size !== shareIds.length) throw new RangeError('shareIds: duplicates');
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > shareIds.length) {
    throw new RangeError(`threshold: expected an integer in 1..${shareIds.length}`);
  }
  const seed = sha256(concatBytes(toSign, utf8(requestId)));
  // A keyed shuffle: order the ids by sha256(seed ‖ id) and take the first `threshold`.
  const ranked = shareIds.map((id) => ({
    id,
    rank: toHex(sha256(concatBytes(seed, Uint8Array.of(id)))),
  }));
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return ranked
    .slice(0, threshold)
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

/** Lit's pkpSign result (`@lit-protocol` `SigResponse`). */
export interface PkpSignature {
  /** 64 hex, no 0x. */
  r: string;
  /** 64 hex, no 0x; always low-s. */
  s: string;
  /** 0 or 1. */
  recid: number;
  /** `0x` r ‖ s ‖ (27 + recid): what ethers and `ecrecover` take. */
  signature: string;
  /** The PKP's public key, 65 bytes uncompressed hex, no 0x. */
  publicKey: string;
  /** The 32-byte digest that was signed, hex, no 0x. */
  dataSigned: string;
}

export interface EcdsaSharesToCombine {
  /** Every signer's share s_i (already times its Lagrange coefficient), 32-byte hex each. */
  shares: readonly string[];
  /** The presignature's R, 33-byte compressed hex, the same for every signer. */
  bigR: string;
  toSign: Uint8Array;
  /** The PKP's public key (65 or 33 bytes, hex or bytes). */
  publicKey: string | Uint8Array;
}

const strip = (hex: string): string => hex.replace(/^0x/i, '');

function scalarOf(hex: unknown, what: string): bigint {
  if (typeof hex !== 'string' || !/^(0x)?[0-9a-fA-F]{64}$/.test(hex)) {
    throw new TypeError(`${what}: expected 32 bytes of hex`);
  }
  const value = BigInt('0x' + strip(hex));
  if (value >= N) throw new RangeError(`${what}: not below the curve order`);
  return value;
}

/**
 * s = Σ s_i, r = x(R), normalized to low s (as Lit's SDK does), verified against the public key
 * and given the recovery id that recovers that key: throws rather than return a signature that
 * does not verify.
 */
export function combineEcdsaShares(input: EcdsaSharesToCombine): PkpSignature {
  if (typeof input !== 'object' || input === null) throw new TypeError('expected an object');
  const { shares, bigR, toSign, publicKey } = input;
  checkDigest(toSign);
  if (!Array.isArray(shares) || shares.length === 0) {
    throw new TypeError('shares: expected at least one signature share');
  }
  if (typeof bigR !== 'string' || !/^(0x)?(02|03)[0-9a-fA-F]{64}$/.test(bigR)) {
    throw new TypeError('bigR: expected a 33-byte compressed point in hex');
  }
  let R: InstanceType<typeof Point>;
  let P: InstanceType<typeof Point>;
  try {
    R = Point.fromHex(strip(bigR));
  } catch {
    throw new RangeError('bigR: not a point on secp256k1');
  }
  try {
    P = publicKeyPoint(typeof publicKey === 'string' ? fromHex(strip(publicKey)) : publicKey);
  } catch {
    throw new RangeError('publicKey: not a secp256k1 public key');
  }
  let s = shares.reduce((acc: bigint, share, i) => (acc + scalarOf(share, `shares[${i}]`)) % N, 0n);
  const { x, y } = R.toAffine();
  const r = x % N;
  if (r === 0n || s === 0n) throw new RangeError('the shares combine to a degenerate signature');
  // What R says the recovery id is; the check below finds the real one from the key itself, so a
  // node that sent the wrong half of R cannot make the signature recover to another address.
  let hint = (y & 1n ? 1 : 0) | (x >= N ? 2 : 0);
  if (s > HALF_N) {
    s = N - s;
    hint ^= 1;
  }
  const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
  const publicKeyBytes = P.toBytes(false);
  const recid = getEcdsaVerifyBackend().recoveryId(
    toSign,
    fromHex(hex32(r) + hex32(s)),
    publicKeyBytes,
    hint,
  );
  if (recid === null) {
    throw new Error('the signature shares do not combine into a signature that verifies');
  }
  return {
    r: hex32(r),
    s: hex32(s),
    recid,
    signature: `0x${hex32(r)}${hex32(s)}${(27 + recid).toString(16)}`,
    publicKey: toHex(publicKeyBytes),
    dataSigned: toHex(toSign),
  };
}
