// A long-lived page asks for many confirmations: each one answered must leave nothing behind on
// the page's channel (a handler per signature ever asked for, each run at the page's close).
import 'fake-indexeddb/auto';
import { expect, it, vi } from 'vitest';
import type { PageChannel } from './page-channel';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { enqueue, settle } = await import('./approvals');
const { listPending } = await import('./pending-approvals');

it('an answered confirmation unregisters its page-close handler', async () => {
  const handlers = new Set<() => void>();
  const page: PageChannel = {
    open: true,
    askWallet: () => Promise.reject(new Error('not asked')),
    onClose: (fn) => {
      handlers.add(fn);
      return () => handlers.delete(fn);
    },
  };
  for (let i = 0; i < 5; i++) {
    const asked = enqueue(
      { origin: 'https://signer.example', tabId: 1, page },
      `r${i}`,
      'confirm-pkp-sign',
      { i },
      async () => ({
        kind: 'wallet',
        resourceAbilityRequests: [],
        requestedExpiration: null,
        walletSource: null,
        pageWallets: [],
      }),
    );
    let id: string | undefined;
    await vi.waitFor(async () => {
      id = (await listPending()).find((p) => p.requestId === `r${i}`)?.id;
      expect(handlers.size).toBe(1); // registered while it waits
      expect(id).toBeDefined();
    });
    await settle(id!, { sessionId: 's' });
    expect(await asked).toBe('s');
    expect(handlers.size).toBe(0);
  }
});
