// Each session's activity: the brokered calls it served (or the user refused), at most
// MAX_ACTIVITY_PER_SESSION per session, in the worker's own IndexedDB: one record per call, keyed
// [session id, sequence number], so an append is one small write however long the list is.
// (Earlier builds kept each list as one storage.local value, read and rewritten whole at every
// call: ~60 ms per call at 500 entries, and a 60 KB storage.onChanged event for every page.)
// Extension pages learn of changes on a BroadcastChannel: only our origin's contexts can join one,
// so no web page or content script hears it.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import browser from 'webextension-polyfill';
import { MAX_ACTIVITY_PER_SESSION, type ActivityEntry } from '../messages';
import { ACTIVITY_CHANNEL, LEGACY_ACTIVITY_STORAGE_PREFIX } from '../storage-keys';
import { serialized } from './serial';
import { allSessions } from './session-store';

const DB_NAME = 'lit-companion-activity';
const DB_VERSION = 1;
const STORE = 'entries';

type EntryKey = [sessionId: string, seq: number];

interface ActivitySchema extends DBSchema {
  [STORE]: { key: EntryKey; value: ActivityEntry };
}

/** Every key of one session's list (sequence numbers start at 1). */
const listRange = (sessionId: string, upTo = Infinity): IDBKeyRange =>
  IDBKeyRange.bound([sessionId, 0], [sessionId, upTo]);

let db: Promise<IDBPDatabase<ActivitySchema>> | null = null;

function open(): Promise<IDBPDatabase<ActivitySchema>> {
  db ??= openDB<ActivitySchema>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  })
    .then(async (opened) => {
      await moveLegacyLists(opened);
      return opened;
    })
    .catch((e: unknown) => {
      db = null; // the next call tries again rather than failing for the worker's lifetime
      throw e;
    });
  return db;
}

/** Replaces a session's list with `entries` (oldest first), in one transaction. */
async function writeList(
  database: IDBPDatabase<ActivitySchema>,
  sessionId: string,
  entries: ActivityEntry[],
): Promise<void> {
  const tx = database.transaction(STORE, 'readwrite');
  await tx.store.delete(listRange(sessionId));
  const kept = entries.slice(-MAX_ACTIVITY_PER_SESSION);
  await Promise.all(kept.map((entry, i) => tx.store.put(entry, [sessionId, i + 1])));
  await tx.done;
}

type LocalArea = typeof browser.storage.local & { getKeys?: () => Promise<string[]> };

/**
 * The keys in storage.local. `getKeys` (Chrome 130+; the polyfill passes it through untyped)
 * reads no values.
 */
async function localKeys(): Promise<string[]> {
  const area = browser.storage.local as LocalArea;
  return area.getKeys ? area.getKeys() : Object.keys(await area.get(null));
}

/**
 * Moves lists an earlier version kept in storage.local into the database, once per worker start.
 * Each list is written whole before its old copy goes, so a stop in between only repeats the move.
 */
async function moveLegacyLists(database: IDBPDatabase<ActivitySchema>): Promise<void> {
  const keys = (await localKeys()).filter((k) => k.startsWith(LEGACY_ACTIVITY_STORAGE_PREFIX));
  for (const key of keys) {
    const stored = (await browser.storage.local.get(key))[key];
    const entries = Array.isArray(stored) ? (stored as ActivityEntry[]) : [];
    await writeList(database, key.slice(LEGACY_ACTIVITY_STORAGE_PREFIX.length), entries);
    await browser.storage.local.remove(key);
  }
}

let channel: BroadcastChannel | null = null;

/** Tells open extension pages that a session's list changed (they ask the worker again). */
function announce(sessionId: string): void {
  channel ??= new BroadcastChannel(ACTIVITY_CHANNEL);
  channel.postMessage({ sessionId });
}

// Per session, appends and the deletion run one at a time: an append that checked the session
// is live cannot land after the session's list was deleted.
const turns = new Map<string, ReturnType<typeof serialized>>();

function inTurn<T>(sessionId: string, step: () => Promise<T>): Promise<T> {
  let turn = turns.get(sessionId);
  if (!turn) turns.set(sessionId, (turn = serialized()));
  return turn(step);
}

/** A macrotask from now: after what the current task still has to do. */
const afterThisTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Appends one call to a live session's list (a session that ended meanwhile keeps none). It takes
 * its turn at once, so reads asked later see it, but writes only once the current task is done:
 * the call's answer goes to the page first, not behind IndexedDB's round trips.
 */
export function appendActivity(sessionId: string, entry: ActivityEntry): Promise<void> {
  return inTurn(sessionId, async () => {
    await afterThisTask();
    if (!(await allSessions()).some((r) => r.id === sessionId)) return;
    const tx = (await open()).transaction(STORE, 'readwrite');
    const last = await tx.store.openKeyCursor(listRange(sessionId), 'prev');
    const seq = last ? last.key[1] + 1 : 1;
    await tx.store.put(entry, [sessionId, seq]);
    if (seq > MAX_ACTIVITY_PER_SESSION) {
      await tx.store.delete(listRange(sessionId, seq - MAX_ACTIVITY_PER_SESSION));
    }
    await tx.done;
    announce(sessionId);
  });
}

/** A session's calls, newest first, once the writes queued before the call have landed. */
export function activityOf(sessionId: string): Promise<ActivityEntry[]> {
  return inTurn(sessionId, async () =>
    (await (await open()).getAll(STORE, listRange(sessionId))).reverse(),
  );
}

/** Deletes the lists of sessions that ended. */
export async function deleteActivity(sessionIds: readonly string[]): Promise<void> {
  await Promise.all(
    sessionIds.map((id) =>
      inTurn(id, async () => {
        await (await open()).delete(STORE, listRange(id));
        turns.delete(id);
        announce(id);
      }),
    ),
  );
}

/** Deletes every list whose session no longer exists (the sweep's safety net). */
export async function pruneActivity(liveSessionIds: ReadonlySet<string>): Promise<void> {
  const tx = (await open()).transaction(STORE, 'readonly');
  const orphans: string[] = [];
  // One key per session: from a session's first key, skip past its last.
  let cursor = await tx.store.openKeyCursor();
  while (cursor) {
    const [sessionId] = cursor.key;
    if (!liveSessionIds.has(sessionId)) orphans.push(sessionId);
    cursor = await cursor.continue([sessionId, Infinity]);
  }
  await tx.done;
  await deleteActivity(orphans);
}
