import { describe, expect, it } from 'vitest';
import { dealScalarShares, lagrangeAtZero, recoverScalar } from './field-shamir';

// A small prime keeps the arithmetic checkable by hand.
const P = 101n;
let counter = 0n;
const fakeRandom = (): bigint => (counter = (counter % (P - 1n)) + 1n);

describe('Shamir over a prime field', () => {
  it('any threshold of shares recovers the secret; fewer do not', () => {
    const shares = dealScalarShares(42n, 3, 5, P, fakeRandom);
    expect(shares.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
    expect(recoverScalar([shares[0]!, shares[2]!, shares[4]!], P)).toBe(42n);
    expect(recoverScalar([shares[1]!, shares[3]!, shares[4]!], P)).toBe(42n);
    expect(recoverScalar([shares[0]!, shares[1]!], P)).not.toBe(42n);
  });

  it('Lagrange coefficients at 0 for ids 1, 2 are 2 and −1', () => {
    expect(lagrangeAtZero([1, 2], P)).toEqual([2n, P - 1n]);
  });

  it('rejects bad thresholds, counts, secrets and duplicate ids', () => {
    expect(() => dealScalarShares(1n, 1, 3, P, fakeRandom)).toThrow(/threshold/);
    expect(() => dealScalarShares(1n, 3, 2, P, fakeRandom)).toThrow(/count/);
    expect(() => dealScalarShares(0n, 2, 3, P, fakeRandom)).toThrow(/secret/);
    expect(() => dealScalarShares(P, 2, 3, P, fakeRandom)).toThrow(/secret/);
    expect(() => lagrangeAtZero([1, 1], P)).toThrow(/duplicates/);
  });
});
