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
