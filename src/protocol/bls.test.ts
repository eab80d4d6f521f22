import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ethers } from 'ethers';
import * as litCrypto from '@lit-protocol/crypto';
import { blsSessionSigVerify } from '@lit-protocol/lit-node-client-nodejs/src/lib/helpers/validate-bls-session-sig.js';
import {
  blsPublicKey,
  blsSign,
  randomBlsSecretKey,
  sessionDigest,
  verifyBlsSignature,
} from './bls';
import { getBlsBackend, nobleBlsBackend, setBlsBackend, type BlsBackend } from './bls-backend';
import { CURVE_ORDER, encodeScalar } from './bls-curve';
import {
  infinity,
  nonSubgroupG1,
  nonSubgroupG2,
  offCurveG1,
  overflowG1,
} from './bls-hostile.fixtures';
import { fromHex, toHex, utf8 } from './bytes';

const sk = encodeScalar(0x1234567890abcdefn);
const pk = blsPublicKey(sk);
const message = utf8('hello lit');
const signature = blsSign(sk, message);

describe('verifyBlsSignature', () => {
  it('accepts a signature and refuses another message or key', () => {
    expect(verifyBlsSignature(pk, message, signature)).toBe(true);
    expect(verifyBlsSignature(pk, utf8('hello lit!'), signature)).toBe(false);
    expect(verifyBlsSignature(blsPublicKey(encodeScalar(7n)), message, signature)).toBe(false);
  });

  it('agrees with Lit’s wasm verifier', async () => {
    await expect(litCrypto.verifySignature(toHex(pk), message, signature)).resolves.toBeUndefined();
    const other = blsSign(encodeScalar(99n), message);
    await expect(litCrypto.verifySignature(toHex(pk), message, other)).rejects.toThrow();
    expect(verifyBlsSignature(pk, message, other)).toBe(false);
  });

  it('returns false, never throws, on wrong lengths and types', () => {
    expect(verifyBlsSignature(pk.slice(0, 47), message, signature)).toBe(false);
    expect(verifyBlsSignature(pk, message, signature.slice(0, 95))).toBe(false);
    expect(verifyBlsSignature(new Uint8Array(96), message, signature)).toBe(false);
    expect(verifyBlsSignature(toHex(pk) as unknown as Uint8Array, message, signature)).toBe(false);
    expect(verifyBlsSignature(pk, 'hello' as unknown as Uint8Array, signature)).toBe(false);
    expect(verifyBlsSignature(pk, message, null as unknown as Uint8Array)).toBe(false);
  });

  it('refuses the point at infinity as key and signature (the trivial forgery)', () => {
    expect(verifyBlsSignature(infinity(48), message, infinity(96))).toBe(false);
    expect(verifyBlsSignature(pk, message, infinity(96))).toBe(false);
    expect(verifyBlsSignature(infinity(48), message, signature)).toBe(false);
  });

  it('refuses points off the curve, outside the subgroup, or non-canonical', () => {
    expect(verifyBlsSignature(offCurveG1(), message, signature)).toBe(false);
    expect(verifyBlsSignature(nonSubgroupG1(), message, signature)).toBe(false);
    expect(verifyBlsSignature(overflowG1(), message, signature)).toBe(false);
    expect(verifyBlsSignature(pk, message, nonSubgroupG2())).toBe(false);
    const uncompressedFlag = signature.slice();
    uncompressedFlag[0]! &= 0x7f;
    expect(verifyBlsSignature(pk, message, uncompressedFlag)).toBe(false);
  });

  it('holds for random keys and messages, and any flipped signature bit breaks it', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: CURVE_ORDER - 1n }),
        fc.uint8Array({ maxLength: 200 }),
        fc.nat({ max: 96 * 8 - 1 }),
        (s, msg, bit) => {
          const key = encodeScalar(s);
          const sig = blsSign(key, msg);
          expect(verifyBlsSignature(blsPublicKey(key), msg, sig)).toBe(true);
          const bad = sig.slice();
          bad[bit >> 3]! ^= 1 << (bit & 7);
          expect(verifyBlsSignature(blsPublicKey(key), msg, bad)).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('blsSign / blsPublicKey / randomBlsSecretKey', () => {
  it('refuses secret keys outside [1, r) and of the wrong length', () => {
    expect(() => blsSign(new Uint8Array(32), message)).toThrow(/\[1, r\)/);
    expect(() => blsSign(encodeScalar(CURVE_ORDER - 1n), message)).not.toThrow();
    const r = fromHex(CURVE_ORDER.toString(16).padStart(64, '0'));
    expect(() => blsSign(r, message)).toThrow(/\[1, r\)/);
    expect(() => blsSign(sk.slice(1), message)).toThrow(/expected 32 bytes, got 31/);
    expect(() => blsPublicKey(new Uint8Array(33))).toThrow(/expected 32 bytes/);
    expect(() => blsSign(sk, 'text' as unknown as Uint8Array)).toThrow(/message/);
  });

  it('makes random keys in range whose signatures verify', () => {
    const key = randomBlsSecretKey();
    expect(key).toHaveLength(32);
    const s = BigInt('0x' + toHex(key));
    expect(s > 0n && s < CURVE_ORDER).toBe(true);
    expect(verifyBlsSignature(blsPublicKey(key), message, blsSign(key, message))).toBe(true);
  });

  it('is deterministic (BLS has no nonce)', () => {
    expect(toHex(blsSign(sk, message))).toBe(toHex(signature));
  });
});

describe('backend registry', () => {
  it('defaults to noble and can be swapped and restored', () => {
    expect(getBlsBackend()).toBe(nobleBlsBackend);
    const calls: string[] = [];
    const spy: BlsBackend = {
      name: 'spy',
      sign: (k, m) => (calls.push('sign'), nobleBlsBackend.sign(k, m)),
      verify: (p, m, s) => (calls.push('verify'), nobleBlsBackend.verify(p, m, s)),
    };
    const previous = setBlsBackend(spy);
    try {
      expect(previous).toBe(nobleBlsBackend);
      expect(verifyBlsSignature(pk, message, blsSign(sk, message))).toBe(true);
      expect(calls).toEqual(['sign', 'verify']);
    } finally {
      setBlsBackend(previous);
    }
    expect(getBlsBackend()).toBe(nobleBlsBackend);
  });

  it('turns a throwing or malformed backend into false / a clear error', () => {
    const broken: BlsBackend = {
      name: 'broken',
      sign: () => new Uint8Array(10),
      verify: () => {
        throw new Error('boom');
      },
    };
    const previous = setBlsBackend(broken);
    try {
      expect(verifyBlsSignature(pk, message, signature)).toBe(false);
      expect(() => blsSign(sk, message)).toThrow(/backend "broken" returned a malformed signature/);
    } finally {
      setBlsBackend(previous);
    }
    expect(() => setBlsBackend({} as BlsBackend)).toThrow(/name, sign, verify/);
  });
});

describe('sessionDigest', () => {
  const siwe = [
    'localhost wants you to sign in with your Ethereum account:',
    '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A',
    '',
    'Lit Protocol PKP session signature — ünïcode',
    '',
    'URI: lit:session:abc',
    'Version: 1',
    'Chain ID: 1',
    'Nonce: 0x1234',
    'Issued At: 2026-01-01T00:00:00.000Z',
    'Expiration Time: 2026-01-02T00:00:00.000Z',
  ].join('\n');

  it('equals sha256("lit_session:" + hex(EIP-191 hash)) as Lit computes it with ethers', () => {
    const eip191 = ethers.utils.hashMessage(siwe).slice(2);
    const expected = ethers.utils
      .sha256(ethers.utils.toUtf8Bytes('lit_session:' + eip191))
      .slice(2);
    expect(toHex(sessionDigest(siwe))).toBe(expected);
    // The EIP-191 length is the UTF-8 byte length, not the UTF-16 length.
    expect(utf8(siwe).length).not.toBe(siwe.length);
  });

  it('signed with the network key, passes Lit’s own lit.bls capability check', async () => {
    const authSig = {
      sig: JSON.stringify({ ProofOfPossession: toHex(blsSign(sk, sessionDigest(siwe))) }),
      signedMessage: siwe,
    };
    const times = {
      issuedAt: new Date(Date.now() - 1000).toISOString(),
      expirationTime: new Date(Date.now() + 60_000).toISOString(),
    };
    await expect(
      blsSessionSigVerify(litCrypto.verifySignature, toHex(pk), authSig as never, times as never),
    ).resolves.toBeUndefined();
    const tampered = { ...authSig, signedMessage: siwe + ' ' };
    await expect(
      blsSessionSigVerify(litCrypto.verifySignature, toHex(pk), tampered as never, times as never),
    ).rejects.toThrow();
  });

  it('rejects non-strings', () => {
    expect(() => sessionDigest(undefined as unknown as string)).toThrow(/siweMessage/);
  });
});
