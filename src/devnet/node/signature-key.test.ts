import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNetworkAuthSig, createWalletAuthSig } from '../../protocol/auth-sig';
import { privateKeySigner } from '../../protocol/ethereum';
import { createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import { capabilitySignatureKey, walletSignatureKey } from './signature-key';

const signer = privateKeySigner(Uint8Array.from({ length: 32 }, (_, i) => i + 7));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function walletSig(nonce: string): Promise<string> {
  const message = createSiweMessageWithRecaps({
    walletAddress: await signer.getAddress(),
    nonce,
    now: () => Date.parse('2026-01-01T00:00:00Z'),
  });
  return (await createWalletAuthSig({ signer, message })).sig;
}

describe('signature keys', () => {
  it('give every spelling of a wallet signature one key: the old key of its standard spelling', async () => {
    const sig = await walletSig('0x' + '11'.repeat(32));
    const v = parseInt(sig.slice(-2), 16);
    const v01 = sig.slice(0, -2) + (v - 27).toString(16).padStart(2, '0');
    const key = walletSignatureKey(sig);
    // A key recorded before keys were canonical (sha256 of the lowercased text) still matches.
    expect(key).toBe(sha256(sig.toLowerCase()));
    for (const spelling of [v01, sig.slice(2), v01.slice(2), '0X' + sig.slice(2).toUpperCase()]) {
      expect(walletSignatureKey(spelling), spelling).toBe(key);
    }
    expect(walletSignatureKey(await walletSig('0x' + '22'.repeat(32)))).not.toBe(key);
  });

  it('refuse what is not a 65-byte signature with v in {0, 1, 27, 28}', async () => {
    const sig = await walletSig('0x' + '33'.repeat(32));
    for (const bad of [sig.slice(0, -2), sig + '00', sig.slice(0, -2) + '1d', 'zz'.repeat(65)]) {
      expect(() => walletSignatureKey(bad), bad).toThrow(TypeError);
    }
  });

  it('key a network capability by its BLS bytes, whatever the hex case', () => {
    const capability = createNetworkAuthSig({
      signature: 'ab'.repeat(96),
      siweMessage: createSiweMessageWithRecaps({
        walletAddress: '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A',
        nonce: '0x' + '44'.repeat(32),
      }),
      address: '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A',
    });
    const key = capabilitySignatureKey(capability);
    expect(key).toBe(sha256(capability.sig.toLowerCase()));
    const upper = JSON.stringify({ ProofOfPossession: 'AB'.repeat(96) });
    expect(capabilitySignatureKey({ ...capability, sig: ` ${upper} ` })).toBe(key);
  });
});
