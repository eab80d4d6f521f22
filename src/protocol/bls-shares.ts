// Lit's BLS signature shares: 97 bytes (hex 194) = 1-byte share id ‖ 96-byte G2 point, combined
// by Lagrange interpolation at 0 keyed by that id; one share alone never combines.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { G2, G2_LENGTH, decodeG2, decodeG2OnCurve, encodeG2, type G2Point } from './bls-curve';
import { blsSign, verifyBlsSignature } from './bls';
import { MAX_SHARES, lagrangeCoefficientsAtZero, type SecretShare } from './shamir';
import { concatBytes, fromHex, toHex } from './bytes';

const Fr = bls12_381.fields.Fr;

export const SIGNATURE_SHARE_LENGTH = 1 + G2_LENGTH;

export interface ParsedSignatureShare {
  /** The share identifier (1..255): the x of the signer's Shamir share. */
  id: number;
  /** The signer's 96-byte compressed G2 signature with its secret share. */
  signature: Uint8Array;
}

function shareBytes(share: unknown, what: string): Uint8Array {
  if (typeof share === 'string') return fromHex(share, SIGNATURE_SHARE_LENGTH, what);
  if (share instanceof Uint8Array) {
    if (share.length !== SIGNATURE_SHARE_LENGTH) {
      throw new TypeError(`${what}: expected ${SIGNATURE_SHARE_LENGTH} bytes, got ${share.length}`);
    }
    return share;
  }
  throw new TypeError(`${what}: expected a hex string or a Uint8Array`);
}

/** Splits a share into id and signature bytes; checks lengths and the id, not the point. */
function splitShare(share: unknown, what: string): ParsedSignatureShare {
  const bytes = shareBytes(share, what);
  const id = bytes[0]!;
  if (id === 0)
    throw new TypeError(`${what}: share id 0 is not allowed (ids are 1..${MAX_SHARES})`);
  return { id, signature: bytes.slice(1) };
}

/**
 * Parses a signature share (hex with or without `0x`, or bytes) and checks its G2 point is valid,
 * in the subgroup and not the identity. Throws a message naming what is wrong.
 */
export function parseSignatureShare(
  share: string | Uint8Array,
  what = 'signature share',
): ParsedSignatureShare {
  // `what` only labels errors; a non-string label falls back rather than break the message.
  const label = typeof what === 'string' ? what.slice(0, 80) : 'signature share';
  const parsed = splitShare(share, label);
  decodeG2(parsed.signature, `${label} (id ${parsed.id})`);
  return parsed;
}

/** A node's share of the network signature on `message`, as Lit's nodes send it: 194 hex chars. */
export function signShare(
  share: Pick<SecretShare, 'id' | 'secretKey'>,
  message: Uint8Array,
): string {
  if (typeof share !== 'object' || share === null)
    throw new TypeError('share: expected { id, secretKey }');
  const { id } = share;
  if (!Number.isInteger(id) || id < 1 || id > MAX_SHARES) {
    throw new RangeError(`share id ${String(id)}: expected an integer in [1, ${MAX_SHARES}]`);
  }
  return toHex(concatBytes(Uint8Array.of(id), blsSign(share.secretKey, message)));
}

/**
 * True when `share` is the signature on `message` of the node whose public share (48-byte G1) is
 * `nodePublicShare` and, when `expectedId` is given, carries that node's id: how a client names
 * the node that sent a bad share. Never throws.
 */
export function verifySignatureShare(
  share: string | Uint8Array,
  nodePublicShare: Uint8Array,
  message: Uint8Array,
  expectedId?: number,
): boolean {
  let parsed: ParsedSignatureShare;
  try {
    parsed = splitShare(share, 'signature share');
  } catch {
    return false;
  }
  // A right point under a wrong id would still poison the combination.
  if (expectedId !== undefined && parsed.id !== expectedId) return false;
  return verifyBlsSignature(nodePublicShare, message, parsed.signature);
}

/**
 * Combines signature shares into the network's 96-byte signature by Lagrange interpolation at 0,
 * keyed by each share's id, using every share given (as Lit's wasm does). Requires at least 2
 * shares and at least `threshold` when given; rejects duplicate ids and points that are not
 * canonical or not on the curve. Shares are not checked for subgroup membership (that costs
 * more than the combination): the result is not a signature until `verifyBlsSignature` accepts
 * it against the network key, which checks the subgroup, so a bad share can only make it fail.
 */
export function combineSignatureShares(
  shares: readonly (string | Uint8Array)[],
  threshold?: number,
): Uint8Array {
  if (!Array.isArray(shares)) throw new TypeError('shares: expected an array of signature shares');
  if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 2)) {
    throw new RangeError('threshold: expected an integer ≥ 2');
  }
  const needed = Math.max(2, threshold ?? 2);
  if (shares.length < needed) {
    throw new RangeError(
      `shares: expected at least ${needed} signature shares, got ${shares.length}`,
    );
  }
  const ids: number[] = [];
  const points: G2Point[] = [];
  const seen = new Map<number, number>();
  shares.forEach((share, i) => {
    const what = `signature share ${i}`;
    const { id, signature } = splitShare(share, what);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new RangeError(`${what}: share id ${id} duplicates signature share ${earlier}`);
    }
    seen.set(id, i);
    ids.push(id);
    points.push(decodeG2OnCurve(signature, `${what} (id ${id})`));
  });
  const sum = interpolateAtZero(ids, points);
  if (sum.is0()) throw new Error('shares: they combine to the point at infinity, not a signature');
  return encodeG2(sum);
}

/** Beyond this size, integer numerators save nothing over reduced Lagrange coefficients. */
const SMALL_SCALAR = 1n << 64n;

const abs = (v: bigint) => (v < 0n ? -v : v);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));

/**
 * Σ λ_i·P_i. Each λ_i is a fraction of small integers (ids 1..255), so for a few shares it is
 * much cheaper to add small multiples c_i·P_i over a common denominator D and divide once
 * (2 of 3 ids {1,2} give λ = 2, −1 and no division at all) than to multiply every point by a
 * full-size scalar mod r. Large share sets fall back to the reduced coefficients.
 */
function interpolateAtZero(ids: readonly number[], points: readonly G2Point[]): G2Point {
  const xs = ids.map(BigInt);
  const fractions = xs.map((xi, i) => {
    let num = 1n;
    let den = 1n;
    xs.forEach((xj, j) => {
      if (j === i) return;
      num *= xj;
      den *= xj - xi;
    });
    return { num, den };
  });
  let common = 1n;
  for (const { den } of fractions) common = (common / gcd(common, den)) * abs(den);
  let multiples = fractions.map(({ num, den }) => (num * common) / den);
  const shared = multiples.reduce(gcd, common);
  multiples = multiples.map((c) => c / shared);
  common /= shared;
  if (common >= SMALL_SCALAR || multiples.some((c) => abs(c) >= SMALL_SCALAR)) {
    const lambdas = lagrangeCoefficientsAtZero(ids);
    // Shares and coefficients are public, so the faster variable-time multiplication is safe.
    return points.reduce((acc, p, i) => acc.add(p.multiplyUnsafe(lambdas[i]!)), G2.ZERO);
  }
  const scaled = points.reduce((acc, p, i) => {
    const c = multiples[i]!;
    const term = p.multiplyUnsafe(abs(c));
    return acc.add(c < 0n ? term.negate() : term);
  }, G2.ZERO);
  if (common === 1n || scaled.is0()) return scaled;
  return scaled.multiplyUnsafe(Fr.inv(common));
}
