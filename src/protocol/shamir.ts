// Shamir secret sharing over the BLS12-381 scalar field: dealing a network key to n nodes (devnet
// genesis) and the Lagrange coefficients that recombine any t of them at x = 0.
import { describeValue } from './describe-value';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { randomBytes as secureRandomBytes } from '@noble/hashes/utils.js';
import { G1, decodeScalar, encodeScalar } from './bls-curve';

const Fr = bls12_381.fields.Fr;

/** One node's share of the network secret; its `id` (1..n) is the x at which it was dealt. */
export interface SecretShare {
  id: number;
  /** f(id): 32 bytes big-endian. */
  secretKey: Uint8Array;
  /** f(id)·G1, 48 bytes compressed: what a client checks this node's signature shares against. */
  publicKey: Uint8Array;
}

export interface DealtShares {
  /** The network public key, secret·G1, 48 bytes compressed. */
  publicKey: Uint8Array;
  threshold: number;
  /** Shares with ids 1..n, in order. */
  shares: SecretShare[];
}

export interface DealOptions {
  /** Source of randomness for the polynomial (tests pass a seeded one); defaults to CSPRNG. */
  randomBytes?: (length: number) => Uint8Array;
}

/** Lit's share identifier is one byte and 0 would be the secret itself. */
export const MAX_SHARES = 255;

function assertShareCounts(threshold: number, count: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 2) {
    throw new RangeError(`threshold: expected an integer ≥ 2 (one share alone must not sign)`);
  }
  if (!Number.isSafeInteger(count) || count < threshold || count > MAX_SHARES) {
    throw new RangeError(`count: expected an integer in [threshold=${threshold}, ${MAX_SHARES}]`);
  }
}

function randomScalar(randomBytes: (length: number) => Uint8Array): bigint {
  for (;;) {
    const bytes = randomBytes(48);
    if (!(bytes instanceof Uint8Array) || bytes.length !== 48) {
      throw new TypeError('randomBytes: expected 48 bytes');
    }
    // 48 bytes reduced mod r: the bias is below 2^-128.
    const s = bytesToNumberBE(bytes) % Fr.ORDER;
    if (s !== 0n) return s;
  }
}

/**
 * Splits `secret` (32 bytes big-endian, 0 < s < r) into `count` shares, any `threshold` of which
 * recombine it: a random polynomial f of degree threshold−1 with f(0) = secret, share i = f(i).
 */
export function dealShares(
  secret: Uint8Array,
  threshold: number,
  count: number,
  options: DealOptions = {},
): DealtShares {
  const s = decodeScalar(secret, 'secret');
  assertShareCounts(threshold, count);
  const randomBytes = options.randomBytes ?? secureRandomBytes;
  for (;;) {
    const coefficients = [s];
    for (let k = 1; k < threshold; k++) coefficients.push(randomScalar(randomBytes));
    const values: bigint[] = [];
    for (let id = 1; id <= count; id++) {
      // Horner's rule, highest coefficient first.
      values.push(coefficients.reduceRight((acc, c) => Fr.add(Fr.mul(acc, BigInt(id)), c), 0n));
    }
    // A zero share cannot be a BLS key; the chance is about n/r, but redeal rather than emit one.
    if (values.some((v) => v === 0n)) continue;
    return {
      publicKey: G1.BASE.multiply(s).toBytes(),
      threshold,
      shares: values.map((v, i) => ({
        id: i + 1,
        secretKey: encodeScalar(v),
        publicKey: G1.BASE.multiply(v).toBytes(),
      })),
    };
  }
}

/**
 * Lagrange coefficients at x = 0 for distinct share ids: secret = Σ λ_i·f(id_i).
 * Throws on duplicate or out-of-range ids.
 */
export function lagrangeCoefficientsAtZero(ids: readonly number[]): bigint[] {
  const seen = new Set<number>();
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 1 || id > MAX_SHARES) {
      throw new RangeError(
        `share id ${describeValue(id)}: expected an integer in [1, ${MAX_SHARES}]`,
      );
    }
    if (seen.has(id)) throw new RangeError(`share id ${id} appears more than once`);
    seen.add(id);
  }
  const xs = ids.map((id) => BigInt(id));
  return xs.map((xi, i) => {
    let num = 1n;
    let den = 1n;
    xs.forEach((xj, j) => {
      if (j === i) return;
      num = Fr.mul(num, xj);
      den = Fr.mul(den, Fr.sub(xj, xi));
    });
    return Fr.div(num, den);
  });
}

/** Recombines the secret from ≥ threshold shares (tests and devnet tooling; never on the wire). */
export function recoverSecret(
  shares: readonly Pick<SecretShare, 'id' | 'secretKey'>[],
): Uint8Array {
  if (!Array.isArray(shares) || shares.length < 2) {
    throw new RangeError('shares: expected at least 2 shares');
  }
  shares.forEach((sh, i) => {
    if (typeof sh !== 'object' || sh === null)
      throw new TypeError(`shares[${i}]: expected { id, secretKey }`);
  });
  const lambdas = lagrangeCoefficientsAtZero(shares.map((sh) => sh.id));
  let s = 0n;
  shares.forEach((sh, i) => {
    s = Fr.add(s, Fr.mul(lambdas[i]!, decodeScalar(sh.secretKey, `share ${sh.id} secretKey`)));
  });
  if (s === 0n) throw new RangeError('shares: they recombine to zero, not a secret key');
  return encodeScalar(s);
}
