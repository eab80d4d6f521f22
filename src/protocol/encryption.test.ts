import { beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { base64 } from '@scure/base';
import * as litCrypto from '@lit-protocol/crypto';
import { blsSign } from './bls';
import { encodeScalar } from './bls-curve';
import { infinity } from './bls-hostile.fixtures';
import { signShare } from './bls-shares';
import { dealShares } from './shamir';
import { decryptWithSignature, decryptWithSignatureShares, encrypt } from './encryption';
import { toHex, utf8 } from './bytes';
import { decodeLeb128 } from './encryption-format';

const secret = encodeScalar(0xc0ffee1234n);
const network = dealShares(secret, 3, 5);
const pkHex = toHex(network.publicKey);
const identity = utf8('lit-accesscontrolcondition://' + 'a'.repeat(64) + '/' + 'b'.repeat(64));
const shares = network.shares.map((s) => signShare(s, identity));
const signature = blsSign(secret, identity);
const asLit = (list: string[]) => list.map((s) => ({ ProofOfPossession: s }));

beforeAll(() => {
  // Lit's decrypt logs the combined signature on every call.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

describe('encrypt', () => {
  it('makes ciphertexts Lit’s SDK decrypts (verifyAndDecryptWithSignatureShares)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (message) => {
        const ciphertext = encrypt(network.publicKey, message, identity);
        const plain = await litCrypto.verifyAndDecryptWithSignatureShares(
          pkHex,
          identity,
          ciphertext,
          asLit(shares.slice(1, 4)),
        );
        expect(toHex(plain)).toBe(toHex(message));
      }),
      { numRuns: 12 },
    );
  });

  it('has Lit’s layout and length for every message size', async () => {
    for (const n of [0, 1, 30, 31, 32, 127, 128, 1000]) {
      const message = new Uint8Array(n).fill(0x61);
      const ours = base64.decode(encrypt(pkHex, message, identity));
      const theirs = base64.decode(await litCrypto.encrypt(pkHex, message, identity));
      expect(ours.length).toBe(theirs.length);
      expect(decodeLeb128(ours, 80)).toEqual(decodeLeb128(theirs, 80));
      expect([ours.at(-1), theirs.at(-1)]).toEqual([2, 2]);
    }
  });

  it('is randomized, and reproducible from a fixed seed', () => {
    const message = utf8('same');
    expect(encrypt(pkHex, message, identity)).not.toBe(encrypt(pkHex, message, identity));
    const seed = () => new Uint8Array(32).fill(3);
    const a = encrypt(pkHex, message, identity, { randomBytes: seed });
    expect(encrypt(pkHex, message, identity, { randomBytes: seed })).toBe(a);
    expect(toHex(decryptWithSignature(a, signature))).toBe(toHex(message));
  });

  it('validates its inputs at the edge', () => {
    const m = utf8('x');
    expect(() => encrypt(network.publicKey.slice(1), m, identity)).toThrow(
      /networkPublicKey: expected 48 bytes, got 47/,
    );
    expect(() => encrypt(pkHex + '00', m, identity)).toThrow(
      /networkPublicKey: expected 48 bytes, got 49/,
    );
    expect(() => encrypt(infinity(48), m, identity)).toThrow(
      /networkPublicKey: the point at infinity/,
    );
    expect(() => encrypt(pkHex, 'x' as unknown as Uint8Array, identity)).toThrow(
      /message: expected a Uint8Array/,
    );
    expect(() => encrypt(pkHex, m, 'id' as unknown as Uint8Array)).toThrow(
      /identity: expected a Uint8Array/,
    );
    expect(() => encrypt(pkHex, m, identity, { randomBytes: () => new Uint8Array(8) })).toThrow(
      /randomBytes: expected 32 bytes/,
    );
  });
});

describe('decryptWithSignatureShares / decryptWithSignature', () => {
  it('decrypt what Lit’s SDK encrypts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (message) => {
        const ciphertext = await litCrypto.encrypt(pkHex, message, identity);
        const viaShares = decryptWithSignatureShares(ciphertext, identity, shares.slice(0, 3), {
          networkPublicKey: network.publicKey,
          threshold: 3,
        });
        expect(toHex(viaShares)).toBe(toHex(message));
        expect(toHex(decryptWithSignature(ciphertext, toHex(signature)))).toBe(toHex(message));
      }),
      { numRuns: 12 },
    );
  });

  it('a flipped byte anywhere in a ciphertext never yields a wrong plaintext', () => {
    const message = utf8('the secret: 42');
    const raw = base64.decode(encrypt(pkHex, message, identity));
    // Every position once, then random positions and masks.
    for (let pos = 0; pos < raw.length; pos++) {
      const bad = raw.slice();
      bad[pos]! ^= 0x01;
      expect(() => decryptWithSignature(base64.encode(bad), signature), `byte ${pos}`).toThrow(
        /ciphertext|decryption failed/,
      );
    }
    fc.assert(
      fc.property(
        fc.nat({ max: raw.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (pos, mask) => {
          const bad = raw.slice();
          bad[pos]! ^= mask;
          let result: Uint8Array | undefined;
          try {
            result = decryptWithSignature(base64.encode(bad), signature);
          } catch (e) {
            expect((e as Error).message).toMatch(/ciphertext|decryption failed/);
            return;
          }
          // Reaching here would be a wrong-plaintext bug unless the plaintext is exactly right.
          expect(toHex(result)).toBe(toHex(message));
          throw new Error(`byte ${pos} ^ ${mask} was accepted`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses the signature on another identity or under another key', () => {
    const ciphertext = encrypt(pkHex, utf8('m'), identity);
    expect(() => decryptWithSignature(ciphertext, blsSign(secret, utf8('other identity')))).toThrow(
      /decryption failed: the signature does not open this ciphertext/,
    );
    expect(() => decryptWithSignature(ciphertext, blsSign(encodeScalar(2n), identity))).toThrow(
      /decryption failed/,
    );
  });

  it('with the network key, says a bad share spoiled the combination', () => {
    const ciphertext = encrypt(pkHex, utf8('m'), identity);
    const bad = [
      shares[0]!,
      shares[1]!,
      signShare({ id: 3, secretKey: encodeScalar(9n) }, identity),
    ];
    expect(() =>
      decryptWithSignatureShares(ciphertext, identity, bad, { networkPublicKey: pkHex }),
    ).toThrow(/not the network signature on this identity \(a share is bad/);
    expect(() => decryptWithSignatureShares(ciphertext, identity, bad)).toThrow(
      /decryption failed/,
    );
    expect(() =>
      decryptWithSignatureShares(ciphertext, utf8('other'), shares.slice(0, 3), {
        networkPublicKey: pkHex,
      }),
    ).toThrow(/not the network signature on this identity/);
  });

  it('validates ciphertext, shares and signature before any pairing', () => {
    const ciphertext = encrypt(pkHex, utf8('m'), identity);
    expect(() =>
      decryptWithSignatureShares(ciphertext, identity, shares.slice(0, 2), { threshold: 3 }),
    ).toThrow(/at least 3 signature shares, got 2/);
    expect(() => decryptWithSignatureShares(ciphertext, identity, shares.slice(0, 1))).toThrow(
      /at least 2/,
    );
    expect(() => decryptWithSignatureShares(ciphertext.slice(0, 40), identity, shares)).toThrow(
      /ciphertext/,
    );
    expect(() =>
      decryptWithSignatureShares(ciphertext, 'id' as unknown as Uint8Array, shares),
    ).toThrow(/identity/);
    expect(() => decryptWithSignature(ciphertext, signature.slice(1))).toThrow(
      /combinedSignature: expected 96 bytes/,
    );
    expect(() => decryptWithSignature(ciphertext, infinity(96))).toThrow(
      /combinedSignature: the point at infinity/,
    );
    expect(() => decryptWithSignature(ciphertext, 'zz')).toThrow(/combinedSignature/);
  });

  it('is stricter than Lit on W’s zero padding (a flipped padding byte: Lit still decrypts, we refuse)', async () => {
    const message = utf8('pad');
    const raw = base64.decode(encrypt(pkHex, message, identity));
    // W starts at byte 81; its plaintext is LEB128(3) ‖ "pad" ‖ 28 zero bytes.
    raw[81 + 10]! ^= 1;
    const tampered = base64.encode(raw);
    const lit = await litCrypto.verifyAndDecryptWithSignatureShares(
      pkHex,
      identity,
      tampered,
      asLit(shares.slice(0, 3)),
    );
    expect(toHex(lit)).toBe(toHex(message));
    expect(() => decryptWithSignature(tampered, signature)).toThrow(/decryption failed/);
  });
});
