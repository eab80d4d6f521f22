// Oracle: Lit's own computeHDPubKey (@lit-protocol/crypto@7.4.0, its wasm).
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toHex } from '../protocol/bytes';
import { dealScalarShares, recoverScalar } from './field-shamir';
import { SECP256K1_ORDER, deriveHdPublicKey, deriveHdSecretShare, hdKeyScalar } from './hd-keys';

const require = createRequire(import.meta.url);
const { computeHDPubKey } = require('@lit-protocol/crypto') as {
  computeHDPubKey(pubkeys: string[], keyId: string, sigType: string): Promise<string>;
};

const Point = secp256k1.Point;
const randomScalar = (): bigint => {
  for (;;) {
    const s = BigInt('0x' + toHex(randomBytes(48))) % SECP256K1_ORDER;
    if (s !== 0n) return s;
  }
};

describe('HD derivation of PKP keys', () => {
  it.each([2, 3])('matches Lit computeHDPubKey with %i roots', async (m) => {
    for (let trial = 0; trial < 4; trial++) {
      const roots = Array.from({ length: m }, () => Point.BASE.multiply(randomScalar()));
      const keyId = randomBytes(32);
      const ours = deriveHdPublicKey(
        roots.map((p) => p.toBytes(true)),
        keyId,
      );
      const lit = await computeHDPubKey(
        roots.map((p) => '0x' + toHex(p.toBytes(true))),
        '0x' + toHex(keyId),
        'K256',
      );
      expect(toHex(ours)).toBe(lit);
    }
  });

  it('accepts uncompressed roots too and returns a 65-byte key', () => {
    const roots = [Point.BASE.multiply(3n), Point.BASE.multiply(5n)];
    const keyId = new Uint8Array(32).fill(7);
    const a = deriveHdPublicKey(
      roots.map((p) => p.toBytes(true)),
      keyId,
    );
    const b = deriveHdPublicKey(
      roots.map((p) => p.toBytes(false)),
      keyId,
    );
    expect(a).toEqual(b);
    expect(a.length).toBe(65);
    expect(a[0]).toBe(4);
  });

  it('derived node shares recombine to the derived public key', () => {
    const threshold = 2;
    const secrets = [randomScalar(), randomScalar()];
    const shares = secrets.map((s) =>
      dealScalarShares(s, threshold, 3, SECP256K1_ORDER, randomScalar),
    );
    const keyId = randomBytes(32);
    const nodeShares = [0, 1, 2].map((i) => ({
      id: i + 1,
      value: deriveHdSecretShare(
        shares.map((root) => root[i]!.value),
        keyId,
      ),
    }));
    const publicKey = deriveHdPublicKey(
      secrets.map((s) => Point.BASE.multiply(s).toBytes(true)),
      keyId,
    );
    for (const pair of [
      [0, 1],
      [1, 2],
      [0, 2],
    ]) {
      const secret = recoverScalar(
        pair.map((i) => nodeShares[i]!),
        SECP256K1_ORDER,
      );
      expect(Point.BASE.multiply(secret).toBytes(false)).toEqual(publicKey);
    }
  });

  it('rejects a key id that is not 32 bytes and a single root', () => {
    expect(() => hdKeyScalar(new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => deriveHdPublicKey([Point.BASE.toBytes(true)], new Uint8Array(32))).toThrow(
      /at least 2/,
    );
  });
});
