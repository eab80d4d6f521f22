import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');

const valid = {
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
  it('loads version-1 records from storage.local and drops the ones that do not match', async () => {
    await fakeBrowser.storage.local.set({
      'lit-companion:sessions': {
        version: 1,
        state: { sessions: [valid, { ...valid, id: 7 }, { id: 's3' }, 'junk'] },
      },
    });
    const { listSessionSummaries } = await import('./session-store');
    expect(await listSessionSummaries()).toEqual([valid]);
  });
});
