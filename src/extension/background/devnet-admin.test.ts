import { afterEach, describe, expect, it, vi } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ethWalletAuthMethodId } from '../../protocol/auth-method';
import { toHex } from '../../protocol/bytes';
import { addressFromPublicKey } from '../../protocol/ethereum';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { isDevnet, mintDevnetCredit, mintDevnetPkp } from './devnet-admin';

const publicKey = `0x${toHex(secp256k1.getPublicKey(new Uint8Array(32).fill(4), false))}`;
const minted = {
  tokenId: pkpTokenIdFromPublicKey(publicKey),
  publicKey,
  ethAddress: addressFromPublicKey(publicKey),
};
const status = { nodes: ['http://127.0.0.1:7470'], threshold: 2, networkPublicKey: 'ab' };
const controller = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4';

function devnet(mintAnswer: unknown, mintStatus = 200) {
  const calls: { url: string; body?: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: URL, init?: { body?: string }) => {
    calls.push({ url: url.href, ...(init?.body && { body: JSON.parse(init.body) }) });
    if (url.pathname === '/devnet/status') return Response.json(status);
    return Response.json(mintAnswer, { status: mintStatus });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('devnet admin', () => {
  it('knows a devnet by its status answer, and never asks a host that is not loopback', async () => {
    const calls = devnet(minted);
    expect(await isDevnet('http://127.0.0.1:8545')).toBe(true);
    expect(await isDevnet('https://rpc.example.org')).toBe(false);
    expect(calls.map((c) => c.url)).toEqual(['http://127.0.0.1:8545/devnet/status']);
  });

  it('mints a PKP the controller owns and may use for sessions and signing', async () => {
    const calls = devnet(minted);
    const pkp = await mintDevnetPkp('http://127.0.0.1:8545', controller);
    expect(pkp).toEqual({ publicKey, tokenId: minted.tokenId, address: minted.ethAddress });
    expect(calls.at(-1)).toEqual({
      url: 'http://127.0.0.1:8545/devnet/pkp/mint',
      body: {
        owner: controller,
        permittedAuthMethods: [
          { authMethodType: 1, authMethodId: ethWalletAuthMethodId(controller), scopes: [1, 2] },
        ],
      },
    });
  });

  it('refuses an answer whose token id or address is not its key, and says why it failed', async () => {
    devnet({ ...minted, tokenId: 'ee'.repeat(32) });
    await expect(mintDevnetPkp('http://127.0.0.1:8545', controller)).rejects.toMatchObject({
      code: -32603,
    });
    devnet({ ...minted, ethAddress: controller });
    await expect(mintDevnetPkp('http://127.0.0.1:8545', controller)).rejects.toMatchObject({
      code: -32603,
    });
    devnet({ error: { code: 'forbidden', message: 'loopback only' } }, 403);
    await expect(mintDevnetPkp('http://127.0.0.1:8545', controller)).rejects.toMatchObject({
      code: 4900,
      message: 'The devnet did not mint a PKP: loopback only',
    });
    await expect(mintDevnetPkp('https://rpc.example.org', controller)).rejects.toMatchObject({
      code: 4100,
    });
  });

  it('mints a capacity credit for an owner, and refuses an answer without a decimal token id', async () => {
    const credit = { requestsPerKilosecond: 100, expiresAt: 2_000_000_000 };
    const calls = devnet({ tokenId: '12' });
    expect(await mintDevnetCredit('http://127.0.0.1:8545', controller, credit)).toBe('12');
    expect(calls.at(-1)).toEqual({
      url: 'http://127.0.0.1:8545/devnet/capacity/mint',
      body: { owner: controller, ...credit },
    });
    for (const answer of [{}, { tokenId: '0x0c' }, { tokenId: 12 }, { tokenId: '012' }]) {
      devnet(answer);
      await expect(
        mintDevnetCredit('http://127.0.0.1:8545', controller, credit),
      ).rejects.toMatchObject({ code: -32603 });
    }
    devnet({ error: { code: 'invalid_request', message: 'expiresAt: in the past' } }, 400);
    await expect(
      mintDevnetCredit('http://127.0.0.1:8545', controller, credit),
    ).rejects.toMatchObject({
      code: 4900,
      message: 'The devnet did not mint a capacity credit: expiresAt: in the past',
    });
    await expect(
      mintDevnetCredit('https://rpc.example.org', controller, credit),
    ).rejects.toMatchObject({ code: 4100 });
  });
});
