import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as litCrypto from '@lit-protocol/crypto';
import { blsPublicKey, blsSign, verifyBlsSignature } from '../protocol/bls';
import { getBlsBackend, nobleBlsBackend, setBlsBackend } from '../protocol/bls-backend';
import { CURVE_ORDER, encodeScalar } from '../protocol/bls-curve';
import {
  infinity,
  nonSubgroupG1,
  nonSubgroupG2,
  offCurveG1,
  overflowG1,
} from '../protocol/bls-hostile.fixtures';
import { combineSignatureShares, signShare, verifySignatureShare } from '../protocol/bls-shares';
import { dealShares } from '../protocol/shamir';
import { toHex, utf8 } from '../protocol/bytes';
import { blstBackend, useFastBls } from './fast-bls';

afterEach(() => {
  setBlsBackend(nobleBlsBackend);
});

const scalar = fc.bigInt({ min: 1n, max: CURVE_ORDER - 1n }).map(encodeScalar);

describe('blst backend', () => {
  it('signs byte-identically to noble (random keys and messages)', () => {
    fc.assert(
      fc.property(scalar, fc.uint8Array({ maxLength: 300 }), (sk, msg) => {
        expect(toHex(blstBackend.sign(sk, msg))).toBe(toHex(nobleBlsBackend.sign(sk, msg)));
      }),
      { numRuns: 40 },
    );
  });

  it('verifies exactly when noble does, including mutated signatures and keys', () => {
    fc.assert(
      fc.property(
        scalar,
        fc.uint8Array({ maxLength: 64 }),
        fc.nat({ max: 143 }),
        fc.integer({ min: 1, max: 255 }),
        (sk, msg, pos, mask) => {
          const pk = blsPublicKey(sk);
          const sig = blstBackend.sign(sk, msg);
          expect(blstBackend.verify(pk, msg, sig)).toBe(true);
          const badPk = pk.slice();
          const badSig = sig.slice();
          if (pos < 48) badPk[pos]! ^= mask;
          else badSig[pos - 48]! ^= mask;
          expect(blstBackend.verify(badPk, msg, badSig)).toBe(
            nobleBlsBackend.verify(badPk, msg, badSig),
          );
          expect(blstBackend.verify(badPk, msg, badSig)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses the same hostile points as noble', () => {
    const sk = encodeScalar(123456789n);
    const msg = utf8('m');
    const pk = blsPublicKey(sk);
    const sig = blsSign(sk, msg);
    const cases: [Uint8Array, Uint8Array][] = [
      [infinity(48), infinity(96)],
      [pk, infinity(96)],
      [infinity(48), sig],
      [offCurveG1(), sig],
      [nonSubgroupG1(), sig],
      [overflowG1(), sig],
      [pk, nonSubgroupG2()],
    ];
    for (const [p, s] of cases) {
      expect(blstBackend.verify(p, msg, s)).toBe(false);
      expect(nobleBlsBackend.verify(p, msg, s)).toBe(false);
    }
  });
});

describe('useFastBls', () => {
  it('makes src/protocol sign and verify with blst, with the same results', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const dealt = dealShares(encodeScalar(0xfa57n), 3, 4);
    const message = utf8('lit_session digest stand-in');
    const slow = dealt.shares.map((s) => signShare(s, message));
    const previous = useFastBls();
    expect(previous).toBe(nobleBlsBackend);
    expect(getBlsBackend().name).toBe('blst');
    const fast = dealt.shares.map((s) => signShare(s, message));
    expect(fast).toEqual(slow);
    dealt.shares.forEach((s, i) => {
      expect(verifySignatureShare(fast[i]!, s.publicKey, message, s.id)).toBe(true);
    });
    const combined = combineSignatureShares(fast.slice(1));
    expect(verifyBlsSignature(dealt.publicKey, message, combined)).toBe(true);
    const lit = await litCrypto.combineSignatureShares(
      fast.slice(1).map((s) => ({ ProofOfPossession: s })),
    );
    expect(lit).toBe(toHex(combined));
  });
});

describe('blst aggregation in combineSignatureShares', () => {
  const message = utf8('lit_session:combine');
  const combineWith = (backend: typeof blstBackend, shares: string[]) => {
    setBlsBackend(backend);
    try {
      return toHex(combineSignatureShares(shares));
    } finally {
      setBlsBackend(nobleBlsBackend);
    }
  };

  it('gives noble’s bytes for every subset of t of n shares (sums and the fallback)', () => {
    fc.assert(
      fc.property(
        scalar,
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (sk, t, extra) => {
          const n = t + extra;
          const all = dealShares(sk, t, n).shares.map((s) => signShare(s, message));
          const expected = toHex(blsSign(sk, message));
          for (let start = 0; start + t <= n; start++) {
            const subset = all.slice(start, start + t);
            expect(combineWith(blstBackend, subset)).toBe(expected);
            expect(combineWith(nobleBlsBackend, subset)).toBe(expected);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('uses the native sum for 2 of 3 ids {1,2} and names bad shares as the pure-JS path does', () => {
    const dealt = dealShares(encodeScalar(77n), 2, 3);
    const [a, b] = dealt.shares.map((s) => signShare(s, message));
    const sum = vi.spyOn(blstBackend, 'aggregate');
    expect(combineWith(blstBackend, [a!, b!])).toBe(toHex(blsSign(encodeScalar(77n), message)));
    expect(sum).toHaveBeenCalledTimes(1);
    expect(sum.mock.calls[0]![0]).toHaveLength(3); // 2·σ1 − σ2
    sum.mockRestore();
    setBlsBackend(blstBackend);
    expect(() => combineSignatureShares(['01' + toHex(infinity(96)), b!])).toThrow(
      /signature share 0 \(id 1\): the point at infinity is not allowed/,
    );
    expect(() => combineSignatureShares(['01' + 'ff'.repeat(96), b!])).toThrow(
      /signature share 0 \(id 1\): not a valid BLS12-381 G2 point/,
    );
    // A share outside the subgroup sums to something that is not the signature.
    const combined = combineSignatureShares(['01' + toHex(nonSubgroupG2()), b!]);
    expect(verifyBlsSignature(blsPublicKey(encodeScalar(77n)), message, combined)).toBe(false);
  });
});
