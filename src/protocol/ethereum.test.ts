import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ethers } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import {
  addressFromPublicKey,
  eip191Hash,
  isChecksumAddress,
  privateKeySigner,
  recoverAddress,
  toChecksumAddress,
} from './ethereum';

// EIP-55's own test vectors.
const EIP55 = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

describe('EIP-55 addresses', () => {
  it('checksums the EIP-55 vectors', () => {
    for (const a of EIP55) {
      expect(toChecksumAddress(a.toLowerCase())).toBe(a);
      expect(isChecksumAddress(a)).toBe(true);
      expect(isChecksumAddress(a.toLowerCase())).toBe(false);
    }
    expect(() => toChecksumAddress('0x123')).toThrow(/40 hex/);
    expect(isChecksumAddress(42)).toBe(false);
  });

  it('derives the address ethers derives, from compressed or uncompressed keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 48, maxLength: 48 }), (seed) => {
        const sk = secp256k1.utils.randomSecretKey(seed);
        const pub = secp256k1.getPublicKey(sk, false);
        const expected = ethers.utils.computeAddress(pub);
        expect(addressFromPublicKey(pub)).toBe(expected);
        expect(addressFromPublicKey(secp256k1.getPublicKey(sk, true))).toBe(expected);
        expect(addressFromPublicKey('0x' + toHex(pub))).toBe(expected);
      }),
      { numRuns: 30 },
    );
    expect(() => addressFromPublicKey(new Uint8Array(65))).toThrow(/not a point/);
  });
});

describe('EIP-191 signatures', () => {
  it('hash like ethers.utils.hashMessage and sign like an ethers Wallet', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.uint8Array({ minLength: 48, maxLength: 48 }),
        async (msg, seed) => {
          const sk = secp256k1.utils.randomSecretKey(seed);
          expect('0x' + toHex(eip191Hash(msg))).toBe(ethers.utils.hashMessage(msg));
          const ours = privateKeySigner(sk);
          const wallet = new ethers.Wallet(sk);
          expect(await ours.getAddress()).toBe(wallet.address);
          const sig = await ours.signMessage(msg);
          expect(sig).toBe(await wallet.signMessage(msg));
          expect(recoverAddress(eip191Hash(msg), sig)).toBe(wallet.address);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('accepts v in {0, 1, 27, 28} and rejects other v, high s and bad lengths', async () => {
    const signer = privateKeySigner(new Uint8Array(32).fill(3));
    const address = await signer.getAddress();
    const hash = eip191Hash('x');
    const sig = fromHex(await signer.signMessage('x'));
    const v = sig[64]!;
    const withV = (nv: number) => Uint8Array.from([...sig.subarray(0, 64), nv]);
    expect(recoverAddress(hash, withV(v - 27))).toBe(address);
    expect(recoverAddress(hash, withV(v))).toBe(address);
    expect(() => recoverAddress(hash, withV(29))).toThrow(/invalid v/);
    const n = secp256k1.Point.Fn.ORDER;
    let s = 0n;
    for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(sig[i]!);
    const high = Uint8Array.from(sig);
    high.set(fromHex((n - s).toString(16).padStart(64, '0')), 32);
    high[64] = v === 27 ? 28 : 27;
    expect(() => recoverAddress(hash, high)).toThrow(/not low/);
    expect(() => recoverAddress(hash, sig.subarray(1))).toThrow(/65 bytes/);
    expect(() => recoverAddress(hash, new Uint8Array(65))).toThrow(/out of range/);
  });
});
