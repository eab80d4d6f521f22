import { beforeEach, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
// The chain lists three nodes; C did not answer the last handshake, so only `listedNodeUrls` has it.
const A = 'http://127.0.0.1:7470';
const B = 'http://127.0.0.1:7471';
const C = 'http://127.0.0.1:7472';
let up = new Set([A, B]);
vi.mock('./network', () => ({
  currentNetwork: async () => ({
    nodeUrls: [A, B, C].filter((u) => up.has(u)),
    listedNodeUrls: [A, B, C],
    threshold: 2,
  }),
}));
/** The nodes each flush sent to. */
const told: string[][] = [];
vi.mock('../../client/revoke-session', () => ({
  // A node that is down fails, as a refused connection would.
  sendRevocation: async (urls: string[]) => {
    told.push(urls);
    return {
      revokedOn: urls.filter((u) => up.has(u)),
      failures: urls
        .filter((u) => !up.has(u))
        .map((url) => ({ url, error: new Error(`${url} refused the connection`) })),
    };
  },
}));
const { queueRevocations, flushRevocations } = await import('./revocation-outbox');
const { fakeBrowser } = await import('./test-browser');

beforeEach(async () => {
  await fakeBrowser.storage.local.remove(await fakeBrowser.storage.local.getKeys());
  told.length = 0;
  up = new Set([A, B]);
});

const queue = (publicKey: string) =>
  queueRevocations([
    {
      publicKey,
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      signed: { revocation: 'r', signature: 's' } as never,
    },
  ]);

it('keeps a revocation until every node the chain lists has it, and tells a node that comes back', async () => {
  await queue('ab'.repeat(32));
  const first = await flushRevocations(null, 1000);
  expect(first).toEqual([{ revokedOn: 2, nodes: 3, error: `${C} refused the connection` }]);
  expect(told).toEqual([[A, B, C]]);

  up.add(C);
  const second = await flushRevocations(null, 1000);
  // Only the node that missed it is asked again.
  expect(told[1]).toEqual([C]);
  expect(second).toEqual([{ revokedOn: 3, nodes: 3 }]);

  // Every node has it: the outbox is empty, so a later sweep sends nothing.
  expect(await flushRevocations(null, 1000)).toEqual([]);
  expect(told).toHaveLength(2);
});
