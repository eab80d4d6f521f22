import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ACTIVITY_PER_SESSION, type ActivityEntry } from '../messages';
import { ACTIVITY_CHANNEL, LEGACY_ACTIVITY_STORAGE_PREFIX } from '../storage-keys';
import type * as ActivityLog from './activity-log';
import type { fakeBrowser as FakeBrowserValue } from './test-browser';

type FakeBrowser = typeof FakeBrowserValue;

// One fake browser across module resets (a restarted worker sees the same storage).
const stable = vi.hoisted(() => ({}) as { browser?: unknown });
vi.mock('webextension-polyfill', async () => {
  stable.browser ??= (await import('./test-browser')).fakeBrowser;
  return { default: stable.browser };
});
const live = new Set<string>();
vi.mock('./session-store', () => ({
  allSessions: async () => [...live].map((id) => ({ id })),
}));
const fakeBrowser = (await import('webextension-polyfill')).default as unknown as FakeBrowser;

type Log = typeof ActivityLog;
let log: Log;
let heard: unknown[];
let listener: BroadcastChannel;

/** A fresh worker: new module state (as after a stop) over the database of the last one. */
async function restartWorker(): Promise<Log> {
  vi.resetModules();
  return import('./activity-log');
}

const entry = (n: number, method: ActivityEntry['method'] = 'lit_pkpSign'): ActivityEntry => ({
  at: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
  method,
  result: 'ok',
  nodes: ['http://127.0.0.1:7470'],
  message: `call ${n}`,
});
const messages = (entries: ActivityEntry[]) => entries.map((e) => e.message);

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  await fakeBrowser.storage.local.remove(await fakeBrowser.storage.local.getKeys());
  live.clear();
  heard = [];
  listener = new BroadcastChannel(ACTIVITY_CHANNEL);
  listener.onmessage = (e: MessageEvent) => heard.push(e.data);
  log = await restartWorker();
});
afterEach(() => listener.close());

describe('activity log', () => {
  it('lists a session’s calls newest first and keeps only the last 500', async () => {
    live.add('s1');
    for (let n = 1; n <= MAX_ACTIVITY_PER_SESSION + 2; n++)
      await log.appendActivity('s1', entry(n));
    const entries = await log.activityOf('s1');
    expect(entries).toHaveLength(MAX_ACTIVITY_PER_SESSION);
    expect(entries[0]!.message).toBe(`call ${MAX_ACTIVITY_PER_SESSION + 2}`);
    expect(entries.at(-1)!.message).toBe('call 3');
    // A new worker appends after the last entry, not over the first.
    const next = await restartWorker();
    await next.appendActivity('s1', entry(1000));
    expect(messages((await next.activityOf('s1')).slice(0, 2))).toEqual([
      'call 1000',
      `call ${MAX_ACTIVITY_PER_SESSION + 2}`,
    ]);
  });

  it('keeps every one of concurrent calls, in the order they were made', async () => {
    live.add('s1');
    await Promise.all([1, 2, 3, 4, 5].map((n) => log.appendActivity('s1', entry(n))));
    expect(messages(await log.activityOf('s1'))).toEqual([
      'call 5',
      'call 4',
      'call 3',
      'call 2',
      'call 1',
    ]);
  });

  it('a read waits for the writes queued before it', async () => {
    live.add('s1');
    const writes = [1, 2].map((n) => log.appendActivity('s1', entry(n)));
    expect(messages(await log.activityOf('s1'))).toEqual(['call 2', 'call 1']);
    await Promise.all(writes);
  });

  it('writes once the current task is done: the call’s answer is sent first', async () => {
    live.add('s1');
    await log.appendActivity('s1', entry(1)); // the database is open from here on
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    try {
      const appended = log.appendActivity('s1', entry(2));
      // Microtasks only, as the rest of a handler's task: no write has started yet.
      for (let i = 0; i < 50; i++) await Promise.resolve();
      expect(transaction).not.toHaveBeenCalled();
      await appended;
      expect(transaction).toHaveBeenCalledTimes(1);
    } finally {
      transaction.mockRestore();
    }
    expect(messages(await log.activityOf('s1'))).toEqual(['call 2', 'call 1']);
  });

  it('writes nothing for a session that is gone', async () => {
    await log.appendActivity('ended', entry(1));
    expect(await log.activityOf('ended')).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('deletes one session’s list and leaves the others (ids that share a prefix too)', async () => {
    for (const id of ['a', 'a:b', 'b']) {
      live.add(id);
      await log.appendActivity(id, entry(1));
    }
    await log.deleteActivity(['a']);
    expect(await log.activityOf('a')).toEqual([]);
    expect(await log.activityOf('a:b')).toHaveLength(1);
    expect(await log.activityOf('b')).toHaveLength(1);
  });

  it('prunes the lists of sessions that ended without their list going', async () => {
    for (const id of ['keep', 'gone-1', 'gone-2']) {
      live.add(id);
      for (let n = 1; n <= 3; n++) await log.appendActivity(id, entry(n));
    }
    live.delete('gone-1');
    live.delete('gone-2');
    await log.pruneActivity(new Set(['keep']));
    expect(await log.activityOf('gone-1')).toEqual([]);
    expect(await log.activityOf('gone-2')).toEqual([]);
    expect(messages(await log.activityOf('keep'))).toEqual(['call 3', 'call 2', 'call 1']);
  });

  it('announces each change on the channel, with the session it concerns', async () => {
    live.add('s1');
    await log.appendActivity('s1', entry(1));
    await log.deleteActivity(['s1']);
    await vi.waitFor(() => expect(heard).toEqual([{ sessionId: 's1' }, { sessionId: 's1' }]));
  });

  it('moves the lists earlier builds kept in storage.local, once, without doubling them', async () => {
    const old = Array.from({ length: MAX_ACTIVITY_PER_SESSION + 1 }, (_, i) => entry(i));
    await fakeBrowser.storage.local.set({
      [`${LEGACY_ACTIVITY_STORAGE_PREFIX}s1`]: old,
      [`${LEGACY_ACTIVITY_STORAGE_PREFIX}s2`]: 'not a list',
      'lit-companion:sessions': { kept: true },
    });
    live.add('s1');
    const moved = await log.activityOf('s1');
    expect(moved).toHaveLength(MAX_ACTIVITY_PER_SESSION);
    expect(moved[0]!.message).toBe(`call ${MAX_ACTIVITY_PER_SESSION}`);
    expect(moved.at(-1)!.message).toBe('call 1');
    expect(await log.activityOf('s2')).toEqual([]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'lit-companion:sessions': { kept: true },
    });

    // A worker stopped after writing a list but before removing its old copy moves it again.
    await fakeBrowser.storage.local.set({ [`${LEGACY_ACTIVITY_STORAGE_PREFIX}s1`]: old });
    const next = await restartWorker();
    expect(await next.activityOf('s1')).toEqual(moved);
    await next.appendActivity('s1', entry(9999));
    expect((await next.activityOf('s1'))[0]!.message).toBe('call 9999');
  });
});
