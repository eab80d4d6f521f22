import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import { isSmallOrderEncoding, verifyEd25519 } from './ed25519';

// RFC 8032 section 7.1, tests 1-3.
const RFC8032 = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pub: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

const L = ed25519.Point.Fn.ORDER;

describe('verifyEd25519 (rfc8032 + dalek verify_strict rules)', () => {
  it('accepts the RFC 8032 vectors and rejects them tampered', () => {
    for (const v of RFC8032) {
      expect(toHex(ed25519.getPublicKey(fromHex(v.secret)))).toBe(v.pub);
      expect(verifyEd25519(fromHex(v.sig), fromHex(v.msg), fromHex(v.pub))).toBe(true);
      const bad = fromHex(v.sig);
      bad[0]! ^= 1;
      expect(verifyEd25519(bad, fromHex(v.msg), fromHex(v.pub))).toBe(false);
    }
  });

  it('agrees with noble strict verification on random and mutated signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(63),
        fc.integer({ min: 1, max: 255 }),
        (seed, msg, at, flip) => {
          const pub = ed25519.getPublicKey(seed);
          const sig = ed25519.sign(msg, seed);
          expect(verifyEd25519(sig, msg, pub)).toBe(true);
          const bad = Uint8Array.from(sig);
          bad[at]! ^= flip;
          expect(verifyEd25519(bad, msg, pub)).toBe(
            ed25519.verify(bad, msg, pub, { zip215: false }),
          );
          expect(verifyEd25519(bad, msg, pub)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with noble on random garbage keys and signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (sig, pub) => {
          expect(verifyEd25519(sig, new Uint8Array([1]), pub)).toBe(
            ed25519.verify(sig, new Uint8Array([1]), pub, { zip215: false }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects s ≥ L (malleability) and wrong lengths or types without throwing', () => {
    const v = RFC8032[1]!;
    const sig = fromHex(v.sig);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
    let sPlusL = s + L;
    const mall = Uint8Array.from(sig);
    for (let i = 32; i < 64; i++) {
      mall[i] = Number(sPlusL & 0xffn);
      sPlusL >>= 8n;
    }
    expect(verifyEd25519(mall, fromHex(v.msg), fromHex(v.pub))).toBe(false);
    expect(verifyEd25519(sig.subarray(1), fromHex(v.msg), fromHex(v.pub))).toBe(false);
    expect(verifyEd25519(sig, fromHex(v.msg), fromHex(v.pub).subarray(1))).toBe(false);
    expect(verifyEd25519('x' as never, fromHex(v.msg), fromHex(v.pub))).toBe(false);
    expect(verifyEd25519(sig, null as never, fromHex(v.pub))).toBe(false);
  });

  it('rejects a small-order key that satisfies the equation (identity key, identity R, s = 0)', () => {
    const identity = fromHex('01' + '00'.repeat(31));
    const sig = new Uint8Array(64);
    sig.set(identity, 0);
    expect(verifyEd25519(sig, new Uint8Array([1, 2, 3]), identity)).toBe(false);
  });

  it('flags every encoding of the eight small-order points, canonical or not', () => {
    const order8 = ed25519.Point.fromBytes(
      fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'),
    );
    let p = ed25519.Point.ZERO;
    for (let k = 0; k < 8; k++) {
      expect(p.isSmallOrder()).toBe(true);
      const enc = p.toBytes();
      expect(isSmallOrderEncoding(enc)).toBe(true);
      enc[31]! ^= 0x80;
      expect(isSmallOrderEncoding(enc)).toBe(true);
      p = p.add(order8);
    }
    expect(p.equals(ed25519.Point.ZERO)).toBe(true);
    expect(isSmallOrderEncoding(ed25519.getPublicKey(new Uint8Array(32).fill(1)))).toBe(false);
  });
});
