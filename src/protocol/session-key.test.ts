import { generateSessionKeyPair } from '@lit-protocol/crypto';
import { nacl } from '@lit-protocol/nacl';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from './bytes';
import { verifyEd25519 } from './ed25519';
import {
  exportLitSessionKey,
  generateSessionKey,
  generateWebCryptoSessionKey,
  importLitSessionKey,
  sessionKeyFromCryptoKeyPair,
  sessionKeyFromSeed,
  sessionKeyUri,
} from './session-key';

describe('raw-bytes session keys', () => {
  it('sign what TweetNaCl signs (Lit signs session messages with nacl.sign.detached)', async () => {
    const stored = generateSessionKeyPair();
    const key = importLitSessionKey(stored);
    expect(key.publicKey).toBe(stored.publicKey);
    const msg = utf8('{"sessionKey":"…"}');
    const ours = await key.sign(msg);
    const lit = nacl.sign.detached(msg, fromHex(stored.secretKey));
    expect(toHex(ours)).toBe(toHex(lit));
    expect(verifyEd25519(ours, msg, fromHex(key.publicKey))).toBe(true);
  });

  it('round-trip Lit’s stored form for random seeds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (seed) => {
        const key = sessionKeyFromSeed(seed);
        const stored = exportLitSessionKey(key);
        expect(stored.secretKey).toMatch(/^[0-9a-f]{128}$/);
        expect(stored.secretKey.slice(64)).toBe(key.publicKey);
        expect(toHex(nacl.sign.keyPair.fromSeed(seed).secretKey)).toBe(stored.secretKey);
        const again = importLitSessionKey(stored);
        expect(again.publicKey).toBe(key.publicKey);
        expect(exportLitSessionKey(again)).toEqual(stored);
      }),
      { numRuns: 50 },
    );
  });

  it('reject a secretKey whose public half does not match, and malformed input', () => {
    const a = exportLitSessionKey(generateSessionKey());
    const b = exportLitSessionKey(generateSessionKey());
    const spliced = { publicKey: a.publicKey, secretKey: a.secretKey.slice(0, 64) + b.publicKey };
    expect(() => importLitSessionKey(spliced)).toThrow(/public half/);
    expect(() => importLitSessionKey({ publicKey: b.publicKey, secretKey: a.secretKey })).toThrow(
      /does not match/,
    );
    expect(() =>
      importLitSessionKey({ publicKey: a.publicKey, secretKey: a.secretKey.slice(2) }),
    ).toThrow(/128 hex/);
    expect(() => importLitSessionKey({ publicKey: 'zz', secretKey: a.secretKey })).toThrow(
      /64 hex/,
    );
    expect(() => importLitSessionKey(null as never)).toThrow();
    expect(() => sessionKeyFromSeed(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('keep the seed out of enumeration and JSON', () => {
    const key = generateSessionKey();
    expect(Object.keys(key)).toEqual(['publicKey', 'sign']);
    expect(JSON.stringify(key)).toBe(JSON.stringify({ publicKey: key.publicKey }));
  });
});

describe('WebCrypto session keys', () => {
  it('are non-extractable and sign verifiable, deterministic Ed25519 signatures', async () => {
    const { sessionKey, keyPair } = await generateWebCryptoSessionKey();
    expect(keyPair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', keyPair.privateKey)).rejects.toThrow();
    expect(sessionKey.publicKey).toMatch(/^[0-9a-f]{64}$/);
    const msg = utf8('hello');
    const sig = await sessionKey.sign(msg);
    expect(verifyEd25519(sig, msg, fromHex(sessionKey.publicKey))).toBe(true);
    expect(() => exportLitSessionKey(sessionKey)).toThrow(/only raw-bytes/);
  });

  it('sign exactly what the raw-bytes key of the same seed signs', async () => {
    const seed = new Uint8Array(32).fill(5);
    // PKCS#8 wrapping of an Ed25519 seed (RFC 8410).
    const pkcs8 = fromHex('302e020100300506032b657004220420' + toHex(seed));
    const privateKey = await crypto.subtle.importKey(
      'pkcs8',
      new Uint8Array(pkcs8),
      'Ed25519',
      false,
      ['sign'],
    );
    const raw = sessionKeyFromSeed(seed);
    const publicKey = await crypto.subtle.importKey(
      'raw',
      new Uint8Array(fromHex(raw.publicKey)),
      'Ed25519',
      true,
      ['verify'],
    );
    const web = await sessionKeyFromCryptoKeyPair({ privateKey, publicKey });
    expect(web.publicKey).toBe(raw.publicKey);
    const msg = utf8('same bytes');
    expect(toHex(await web.sign(msg))).toBe(toHex(await raw.sign(msg)));
    await expect(sessionKeyFromCryptoKeyPair({} as CryptoKeyPair)).rejects.toThrow(/CryptoKeyPair/);
  });
});

describe('sessionKeyUri', () => {
  it('is lit:session:<64 lowercase hex>', () => {
    const key = generateSessionKey();
    expect(sessionKeyUri(key.publicKey)).toBe(`lit:session:${key.publicKey}`);
    expect(() => sessionKeyUri(key.publicKey.toUpperCase())).toThrow();
    expect(() => sessionKeyUri('0x' + key.publicKey)).toThrow();
  });
});
