import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from '../protocol/ed25519';
import { verifyEd25519Native } from './fast-ed25519';

const L = ed25519.Point.Fn.ORDER;
const P = 2n ** 255n - 19n;

function le(n: bigint, len = 32): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

describe('verifyEd25519Native (node:crypto)', () => {
  it('agrees with the pure-JS verifier on valid and single-byte-mutated signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('sig', 'msg', 'key'),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (seed, msg, where, at, flip) => {
          const pub = ed25519.getPublicKey(seed);
          const sig = ed25519.sign(msg, seed);
          expect(verifyEd25519Native(sig, msg, pub)).toBe(true);
          expect(verifyEd25519(sig, msg, pub)).toBe(true);
          const s = Uint8Array.from(sig);
          const m = Uint8Array.from(msg);
          const k = Uint8Array.from(pub);
          const target = where === 'sig' ? s : where === 'key' ? k : m;
          fc.pre(target.length > 0);
          target[at % target.length]! ^= flip;
          expect(verifyEd25519Native(s, m, k)).toBe(verifyEd25519(s, m, k));
          expect(verifyEd25519Native(s, m, k)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees on random keys and signatures, including non-canonical and small-order encodings', () => {
    const special = [
      0n,
      1n,
      P - 1n,
      P,
      P + 1n,
      P + 2n,
      P + 3n,
      P + 5n,
      P + 18n,
      2n ** 255n - 1n,
    ].flatMap((y) => [le(y), le(y | (1n << 255n))]);
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constantFrom(...special)),
        fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constantFrom(...special)),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (key, r, s) => {
          const sig = new Uint8Array([...r, ...s]);
          const msg = new Uint8Array([7]);
          expect(verifyEd25519Native(sig, msg, key)).toBe(verifyEd25519(sig, msg, key));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects s + L, the small-order attack key and wrong types, like the pure-JS verifier', () => {
    const seed = new Uint8Array(32).fill(4);
    const pub = ed25519.getPublicKey(seed);
    const msg = new Uint8Array([1, 2, 3]);
    const sig = ed25519.sign(msg, seed);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
    const mall = new Uint8Array([...sig.subarray(0, 32), ...le(s + L)]);
    expect(verifyEd25519Native(mall, msg, pub)).toBe(false);
    const identity = le(1n);
    expect(verifyEd25519Native(new Uint8Array([...identity, ...le(0n)]), msg, identity)).toBe(
      false,
    );
    expect(verifyEd25519Native(sig.subarray(1), msg, pub)).toBe(false);
    expect(verifyEd25519Native(sig, 'x' as never, pub)).toBe(false);
    expect(verifyEd25519Native(sig, msg, pub.subarray(1))).toBe(false);
  });
});
