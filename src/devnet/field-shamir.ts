// Shamir sharing over any prime-order scalar field: the devnet deals its secp256k1 root keys with
// it (src/protocol/shamir.ts is bound to the BLS12-381 scalar field).
import { invert, mod } from '@noble/curves/abstract/modular.js';

export interface ScalarShare {
  /** The x the share was dealt at, 1..n. */
  id: number;
  value: bigint;
}

function checkCounts(threshold: number, count: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 2) {
    throw new RangeError('threshold: expected an integer ≥ 2');
  }
  if (!Number.isSafeInteger(count) || count < threshold || count > 255) {
    throw new RangeError(`count: expected an integer in [${threshold}, 255]`);
  }
}

/**
 * Shares `secret` (0 < secret < order) t-of-n: a random polynomial f of degree t−1 with
 * f(0) = secret; share i is f(i). `randomScalar` must return uniform values in [1, order).
 */
export function dealScalarShares(
  secret: bigint,
  threshold: number,
  count: number,
  order: bigint,
  randomScalar: () => bigint,
): ScalarShare[] {
  if (secret <= 0n || secret >= order) throw new RangeError('secret: expected 0 < secret < order');
  checkCounts(threshold, count);
  for (;;) {
    const coefficients = [secret];
    for (let k = 1; k < threshold; k++) coefficients.push(randomScalar());
    const shares: ScalarShare[] = [];
    for (let id = 1; id <= count; id++) {
      const x = BigInt(id);
      const value = coefficients.reduceRight((acc, c) => mod(acc * x + c, order), 0n);
      shares.push({ id, value });
    }
    // A zero share would be a degenerate key: redeal (probability about n/order).
    if (shares.every((s) => s.value !== 0n)) return shares;
  }
}

/** Lagrange coefficients at 0 for distinct ids: secret = Σ λ_i·f(id_i) mod order. */
export function lagrangeAtZero(ids: readonly number[], order: bigint): bigint[] {
  if (new Set(ids).size !== ids.length) throw new RangeError('ids: duplicates');
  const xs = ids.map((id) => {
    if (!Number.isInteger(id) || id < 1 || id > 255)
      throw new RangeError(`id ${id}: not in 1..255`);
    return BigInt(id);
  });
  return xs.map((xi, i) => {
    let num = 1n;
    let den = 1n;
    xs.forEach((xj, j) => {
      if (j === i) return;
      num = mod(num * xj, order);
      den = mod(den * (xj - xi), order);
    });
    return mod(num * invert(den, order), order);
  });
}

/** Recombines f(0) from ≥ threshold shares (tests and tooling; nodes never do this). */
export function recoverScalar(shares: readonly ScalarShare[], order: bigint): bigint {
  const lambdas = lagrangeAtZero(
    shares.map((s) => s.id),
    order,
  );
  return shares.reduce((acc, s, i) => mod(acc + lambdas[i]! * s.value, order), 0n);
}
