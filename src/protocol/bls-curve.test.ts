import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURVE_ORDER, G2, decodeG2, decodeG2OnCurve, encodeG2 } from './bls-curve';
import { infinity, nonSubgroupG2, offCurveG2 } from './bls-hostile.fixtures';

describe('decodeG2OnCurve / encodeG2 (the fast path for combining shares)', () => {
  it('round-trip every point exactly as noble’s checked codec does, both signs of y', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: CURVE_ORDER - 1n }), (k) => {
        for (const point of [G2.BASE.multiply(k), G2.BASE.multiply(k).negate()]) {
          const bytes = point.toBytes();
          expect(encodeG2(point)).toEqual(bytes);
          expect(decodeG2OnCurve(bytes).equals(decodeG2(bytes))).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('refuses what is not a compressed point on the curve, but not the subgroup check', () => {
    const bad = offCurveG2();
    expect(() => decodeG2OnCurve(bad)).toThrow(/not on the curve/);
    expect(() => decodeG2OnCurve(infinity(96))).toThrow(/point at infinity/);
    const uncompressed = G2.BASE.toBytes().slice();
    uncompressed[0]! &= 0x7f;
    expect(() => decodeG2OnCurve(uncompressed)).toThrow(/not a compressed encoding/);
    const overflow = new Uint8Array(96).fill(0xff);
    overflow[0] = 0x9f;
    expect(() => decodeG2OnCurve(overflow)).toThrow(/x ≥ p/);
    expect(() => decodeG2OnCurve(new Uint8Array(95))).toThrow(/expected 96 bytes/);
    // The subgroup is checked later, on the combined signature: decodeG2 still refuses it.
    expect(() => decodeG2OnCurve(nonSubgroupG2())).not.toThrow();
    expect(() => decodeG2(nonSubgroupG2())).toThrow(/not a valid/);
  });

  it('does not encode the point at infinity', () => {
    expect(() => encodeG2(G2.ZERO)).toThrow(/point at infinity/);
  });
});
