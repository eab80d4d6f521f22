import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');

const v1 = {
  id: 's1',
  origin: 'https://dapp.example',
  publicKey: 'ab'.repeat(32),
  authMethod: 'wallet',
  address: '0x0000000000000000000000000000000000000001',
  capabilities: [{ resource: 'lit-pkp://*', ability: 'pkp-signing' }],
  issuedAt: '2026-11-23T00:00:00.000Z',
  expiration: '2026-11-24T00:00:00.000Z',
};

describe('session store', () => {
  it('migrates version-1 records to version 2 (listed, not usable) and drops the ones that do not match', async () => {
    await fakeBrowser.storage.local.set({
      'lit-companion:sessions': {
        version: 1,
        state: { sessions: [v1, { ...v1, id: 7 }, { id: 's3' }, 'junk'] },
      },
    });
    const { allSessions } = await import('./session-store');
    expect(await allSessions()).toEqual([{ ...v1, walletSource: 'unknown', capability: null }]);
    // The migrated store is written back under the new version.
    await vi.waitFor(async () => {
      const stored = (await fakeBrowser.storage.local.get('lit-companion:sessions'))[
        'lit-companion:sessions'
      ] as { version: number };
      expect(stored.version).toBe(2);
    });
  });
});
