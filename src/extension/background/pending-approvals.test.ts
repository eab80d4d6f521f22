import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PENDING_STORAGE_KEY } from '../storage-keys';
import type * as PendingModule from './pending-approvals';
import type { PendingApproval } from './pending-approvals';
import type { fakeBrowser as FakeBrowserValue } from './test-browser';

// One fake browser across module resets (a restarted worker sees the same storage.session).
const stable = vi.hoisted(() => ({}) as { browser?: unknown });
vi.mock('webextension-polyfill', async () => {
  stable.browser ??= (await import('./test-browser')).fakeBrowser;
  return { default: stable.browser };
});
const fakeBrowser = (await import('webextension-polyfill'))
  .default as unknown as typeof FakeBrowserValue;

/** A new worker: fresh module state over the storage the last one left. */
async function startWorker(): Promise<typeof PendingModule> {
  vi.resetModules();
  return import('./pending-approvals');
}

const entry = (id: string, state: PendingApproval['state'], extra: Partial<PendingApproval> = {}) =>
  ({
    id,
    origin: 'https://dapp.example',
    tabId: 1,
    requestId: `req-${id}`,
    kind: 'pkp',
    resourceAbilityRequests: [],
    requestedExpiration: null,
    walletSource: 'builtin',
    pageWallets: [],
    createdAt: new Date(0).toISOString(),
    shown: true,
    state,
    ...extra,
  }) as PendingApproval;

beforeEach(() => fakeBrowser.storage.session.data.clear());

describe('pending approvals after a worker stop', () => {
  it('an entry the stopped worker was authorizing waits for the user again; the others stay', async () => {
    await fakeBrowser.storage.session.set({
      [PENDING_STORAGE_KEY]: [
        entry('a', 'authorizing', {
          progress: { nodes: 3, needed: 2, signed: ['http://127.0.0.1:7470'], failed: [] },
        }),
        entry('w', 'waiting'),
        entry('done', 'approved', { sessionId: 's1', settledAt: new Date().toISOString() }),
      ],
    });
    const pending = await startWorker();
    const list = await pending.listPending();
    expect(list.map((p) => [p.id, p.state, p.shown])).toEqual([
      ['a', 'waiting', false],
      ['w', 'waiting', true],
      ['done', 'approved', true],
    ]);
    expect(list[0]).not.toHaveProperty('progress');
  });

  it('the worker’s own authorizing entries are left alone once it has started', async () => {
    await fakeBrowser.storage.session.set({ [PENDING_STORAGE_KEY]: [entry('w', 'waiting')] });
    const pending = await startWorker();
    await pending.updatePending((list) => ({
      list: list.map((p) => ({ ...p, state: 'authorizing' as const })),
      value: null,
    }));
    expect((await pending.listPending())[0]!.state).toBe('authorizing');
    // The next worker finds it interrupted.
    expect((await (await startWorker()).listPending())[0]!.state).toBe('waiting');
  });
});
