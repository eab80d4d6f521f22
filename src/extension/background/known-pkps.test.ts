import { describe, expect, it, vi } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { toHex } from '../../protocol/bytes';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');
const { addKnownPkp, knownPkps, removeKnownPkp, PKPS_KEY } = await import('./known-pkps');

const key = (n: number) => secp256k1.getPublicKey(new Uint8Array(32).fill(n), false);
const DEVNET = 'http://127.0.0.1:8545';
const OTHER = 'https://rpc.example.org';

describe('known PKPs', () => {
  it('keeps PKPs per network, once each (a compressed key is the same PKP), and removes them', async () => {
    const a = await addKnownPkp(DEVNET, `0x${toHex(key(1))}`, null);
    const again = await addKnownPkp(
      DEVNET,
      toHex(secp256k1.getPublicKey(new Uint8Array(32).fill(1), true)),
      null,
    );
    expect(again).toEqual(a);
    await addKnownPkp(OTHER, `0x${toHex(key(2))}`, '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4');
    expect((await knownPkps(DEVNET)).map((p) => p.tokenId)).toEqual([a.tokenId]);
    expect(await knownPkps(OTHER)).toHaveLength(1);
    expect(await removeKnownPkp(DEVNET, a.tokenId)).toEqual([]);
    expect(await knownPkps(OTHER)).toHaveLength(1);
  });

  it('never trusts what storage holds: bad entries are dropped, ids come from the key', async () => {
    await fakeBrowser.storage.local.set({
      [PKPS_KEY]: [
        { rpcUrl: DEVNET, publicKey: '0x04' + '00'.repeat(64), controller: null, addedAt: 'x' },
        {
          rpcUrl: DEVNET,
          publicKey: `0x${toHex(key(3))}`,
          controller: null,
          addedAt: 'x',
          tokenId: 'forged',
        },
      ],
    });
    const [only, ...rest] = await knownPkps(DEVNET);
    expect(rest).toEqual([]);
    expect(only!.tokenId).not.toBe('forged');
    await fakeBrowser.storage.local.set({ [PKPS_KEY]: 'junk' });
    expect(await knownPkps(DEVNET)).toEqual([]);
  });
});
