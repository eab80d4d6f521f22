// The Node verifier must give exactly noble's answers: the same recovery id for a valid signature
// (whatever the hint), null for high s, another key, another digest, r or s out of range.
import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getEcdsaVerifyBackend,
  nobleEcdsaVerifyBackend,
  setEcdsaVerifyBackend,
} from './ecdsa-backend';
import { libsecp256k1VerifyBackend } from './libsecp256k1-node';

const N = secp256k1.Point.Fn.ORDER;
const bytes32 = (v: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
};
const scalarOf = (b: Uint8Array) => BigInt('0x' + Buffer.from(b).toString('hex'));

afterEach(() => {
  setEcdsaVerifyBackend(nobleEcdsaVerifyBackend);
});

describe('libsecp256k1VerifyBackend', () => {
  it('agrees with noble on valid, high-s, wrong-key and wrong-digest signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 48, maxLength: 48 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (seed, digest, otherDigest) => {
          const secret = secp256k1.utils.randomSecretKey(seed);
          const publicKey = secp256k1.getPublicKey(secret, false);
          const signed = secp256k1.sign(digest, secret, { prehash: false, format: 'recovered' });
          const recovery = signed[0]!;
          const rs = signed.slice(1);
          const highS = rs.slice();
          highS.set(bytes32(N - scalarOf(rs.subarray(32))), 32);
          const otherKey = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
          const sameDigest = scalarOf(otherDigest) % N === scalarOf(digest) % N;
          const cases: [Uint8Array, Uint8Array, Uint8Array, number | null][] = [
            [digest, rs, publicKey, recovery],
            [digest, highS, publicKey, null],
            [digest, rs, otherKey, null],
            [otherDigest, rs, publicKey, sameDigest ? recovery : null],
          ];
          for (const [d, sig, key, expected] of cases) {
            for (const hint of [0, 1]) {
              expect(libsecp256k1VerifyBackend.recoveryId(d, sig, key, hint)).toBe(expected);
              expect(nobleEcdsaVerifyBackend.recoveryId(d, sig, key, hint)).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers null, not an exception, for r or s zero or not below the order', () => {
    const publicKey = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
    const digest = crypto.getRandomValues(new Uint8Array(32));
    for (const [r, s] of [
      [0n, 1n],
      [1n, 0n],
      [N, 1n],
      [1n, N],
    ] as const) {
      const sig = new Uint8Array(64);
      sig.set(bytes32(r), 0);
      sig.set(bytes32(s), 32);
      expect(libsecp256k1VerifyBackend.recoveryId(digest, sig, publicKey, 0)).toBeNull();
      expect(nobleEcdsaVerifyBackend.recoveryId(digest, sig, publicKey, 0)).toBeNull();
    }
  });

  it('replaces the verifier and gives back the previous one', () => {
    expect(setEcdsaVerifyBackend(libsecp256k1VerifyBackend)).toBe(nobleEcdsaVerifyBackend);
    expect(getEcdsaVerifyBackend()).toBe(libsecp256k1VerifyBackend);
    expect(() => setEcdsaVerifyBackend({ name: 'x' } as never)).toThrow(TypeError);
  });
});
