// Lit's BLS signature shares: 97 bytes (hex 194) = 1-byte share id ‖ 96-byte G2 point, combined
// by Lagrange interpolation at 0 keyed by that id; one share alone never combines.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { G2, G2_LENGTH, decodeG2, decodeG2OnCurve, encodeG2, type G2Point } from './bls-curve';
import { blsSign, verifyBlsSignature } from './bls';
import { getBlsBackend } from './bls-backend';
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
  const signatures: Uint8Array[] = [];
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
    signatures.push(signature);
  });
  const small = integerLagrange(ids);
  const fast = small && aggregateSmallMultiples(signatures, small);
  if (fast) return fast;
  const points = signatures.map((signature, i) =>
    decodeG2OnCurve(signature, `signature share ${i} (id ${ids[i]})`),
  );
  const sum = interpolateAtZero(ids, points, small);
  if (sum.is0()) throw new Error('shares: they combine to the point at infinity, not a signature');
  return encodeG2(sum);
}

/** Beyond this size, integer numerators save nothing over reduced Lagrange coefficients. */
const SMALL_SCALAR = 1n << 64n;

const abs = (v: bigint) => (v < 0n ? -v : v);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));

interface IntegerLagrange {
  /** λ_i = multiples[i] / common, in lowest terms. */
  multiples: bigint[];
  common: bigint;
}

/**
 * Each λ_i is a fraction of small integers (ids 1..255): over a common denominator D they are
 * small integer multiples c_i (2 of 3 ids {1,2} give λ = 2, −1 and D = 1). Null when they are
 * too large to save anything.
 */
function integerLagrange(ids: readonly number[]): IntegerLagrange | null {
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
  if (common >= SMALL_SCALAR || multiples.some((c) => abs(c) >= SMALL_SCALAR)) return null;
  return { multiples, common };
}

/** At most this many points go to the backend's aggregation (Σ|c_i| copies). */
const MAX_AGGREGATED = 16;

/**
 * With D = 1 the combination is a plain sum of ±copies of the shares, which a native backend adds
 * without decoding into JS bigints (−P is P's encoding with the sort flag flipped). Null when the
 * backend has no `aggregate`, the multiples are too large, or it refuses a share: the pure-JS
 * path then combines, or names the bad share precisely.
 */
function aggregateSmallMultiples(
  signatures: readonly Uint8Array[],
  { multiples, common }: IntegerLagrange,
): Uint8Array | null {
  const backend = getBlsBackend();
  const copies = multiples.reduce((n, c) => n + abs(c), 0n);
  if (!backend.aggregate || common !== 1n || copies > BigInt(MAX_AGGREGATED)) return null;
  const terms: Uint8Array[] = [];
  signatures.forEach((signature, i) => {
    const c = multiples[i]!;
    // Only compressed, finite encodings can be negated by their flag.
    if ((signature[0]! & 0xc0) !== 0x80) return;
    const term =
      c < 0n ? Uint8Array.from(signature, (b, j) => (j === 0 ? b ^ 0x20 : b)) : signature;
    for (let k = 0n; k < abs(c); k++) terms.push(term);
  });
  if (BigInt(terms.length) !== copies) return null;
  let sum: Uint8Array;
  try {
    sum = backend.aggregate(terms);
  } catch {
    return null;
  }
  // A sum at infinity is no signature; the pure-JS path reports it.
  return sum.length === G2_LENGTH && (sum[0]! & 0xc0) === 0x80 ? sum : null;
}

/**
 * Σ λ_i·P_i: small integer multiples over the common denominator, divided once (far cheaper than
 * a full-size scalar mod r per point), or the reduced coefficients for large share sets.
 */
function interpolateAtZero(
  ids: readonly number[],
  points: readonly G2Point[],
  small: IntegerLagrange | null,
): G2Point {
  if (!small) {
    const lambdas = lagrangeCoefficientsAtZero(ids);
    // Shares and coefficients are public, so the faster variable-time multiplication is safe.
    return points.reduce((acc, p, i) => acc.add(p.multiplyUnsafe(lambdas[i]!)), G2.ZERO);
  }
  const { multiples, common } = small;
  const scaled = points.reduce((acc, p, i) => {
    const c = multiples[i]!;
    const term = p.multiplyUnsafe(abs(c));
    return acc.add(c < 0n ? term.negate() : term);
  }, G2.ZERO);
  if (common === 1n || scaled.is0()) return scaled;
  return scaled.multiplyUnsafe(Fr.inv(common));
}
