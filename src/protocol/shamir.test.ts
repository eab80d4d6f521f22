import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { blsPublicKey } from './bls';
import { CURVE_ORDER, encodeScalar } from './bls-curve';
import { dealShares, lagrangeCoefficientsAtZero, recoverSecret } from './shamir';
import { toHex } from './bytes';

/** A deterministic byte source so a failing case replays. */
function seeded(seed: number): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 32) {
      out.set(sha256(Uint8Array.of(seed, counter >> 8, counter++ & 0xff)).subarray(0, n - i), i);
    }
    return out;
  };
}

const secret = encodeScalar(0xdeadbeefn);

describe('dealShares', () => {
  it('deals ids 1..n with the network key and per-share public keys', () => {
    const dealt = dealShares(secret, 3, 5);
    expect(dealt.threshold).toBe(3);
    expect(toHex(dealt.publicKey)).toBe(toHex(blsPublicKey(secret)));
    expect(dealt.shares.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
    for (const share of dealt.shares) {
      expect(share.secretKey).toHaveLength(32);
      expect(toHex(share.publicKey)).toBe(toHex(blsPublicKey(share.secretKey)));
    }
  });

  it('is reproducible from the random source and fresh without one', () => {
    const a = dealShares(secret, 2, 3, { randomBytes: seeded(1) });
    const b = dealShares(secret, 2, 3, { randomBytes: seeded(1) });
    expect(a.shares.map((s) => toHex(s.secretKey))).toEqual(
      b.shares.map((s) => toHex(s.secretKey)),
    );
    const c = dealShares(secret, 2, 3);
    expect(toHex(c.shares[0]!.secretKey)).not.toBe(toHex(a.shares[0]!.secretKey));
  });

  it('validates threshold, count and secret', () => {
    expect(() => dealShares(secret, 1, 3)).toThrow(/threshold: expected an integer ≥ 2/);
    expect(() => dealShares(secret, 2.5, 3)).toThrow(/threshold/);
    expect(() => dealShares(secret, 4, 3)).toThrow(
      /count: expected an integer in \[threshold=4, 255\]/,
    );
    expect(() => dealShares(secret, 2, 256)).toThrow(/count/);
    expect(() => dealShares(secret, 2, Number.NaN)).toThrow(/count/);
    expect(() => dealShares(new Uint8Array(32), 2, 3)).toThrow(/secret: not a scalar/);
    expect(() => dealShares(encodeScalar(CURVE_ORDER - 1n).slice(1), 2, 3)).toThrow(/32 bytes/);
    expect(() => dealShares(secret, 2, 3, { randomBytes: () => new Uint8Array(5) })).toThrow(
      /randomBytes: expected 48 bytes/,
    );
  });

  it('deals 255 shares (the one-byte id limit)', () => {
    const dealt = dealShares(secret, 2, 255, { randomBytes: seeded(2) });
    expect(dealt.shares.at(-1)!.id).toBe(255);
    expect(toHex(recoverSecret([dealt.shares[0]!, dealt.shares[254]!]))).toBe(toHex(secret));
  });
});

describe('recoverSecret / lagrangeCoefficientsAtZero', () => {
  it('any t of n shares recover the secret; t − 1 do not', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 7 })
          .chain((t) =>
            fc.tuple(
              fc.constant(t),
              fc.integer({ min: t, max: 10 }),
              fc.bigInt({ min: 1n, max: CURVE_ORDER - 1n }),
              fc.integer({ min: 0, max: 255 }),
            ),
          ),
        fc.infiniteStream(fc.nat()),
        ([t, n, s, seed], picks) => {
          const dealt = dealShares(encodeScalar(s), t, n, { randomBytes: seeded(seed) });
          const pool = [...dealt.shares];
          const chosen = [];
          const it = picks[Symbol.iterator]();
          while (chosen.length < t) chosen.push(pool.splice(it.next().value % pool.length, 1)[0]!);
          expect(toHex(recoverSecret(chosen))).toBe(toHex(encodeScalar(s)));
          if (t > 2) {
            // Fewer than t shares interpolate to an unrelated value.
            expect(toHex(recoverSecret(chosen.slice(1)))).not.toBe(toHex(encodeScalar(s)));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects duplicate and out-of-range ids', () => {
    expect(() => lagrangeCoefficientsAtZero([1, 2, 1])).toThrow(
      /share id 1 appears more than once/,
    );
    expect(() => lagrangeCoefficientsAtZero([0, 2])).toThrow(/share id 0/);
    expect(() => lagrangeCoefficientsAtZero([1, 256])).toThrow(/share id 256/);
    const dealt = dealShares(secret, 2, 3);
    expect(() => recoverSecret([dealt.shares[0]!])).toThrow(/at least 2/);
  });
});
