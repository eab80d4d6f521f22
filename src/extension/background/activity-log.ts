// Each session's activity: the brokered calls it served (or the user refused), one list per
// session in storage.local (`activityStorageKey`), newest last, at most MAX_ACTIVITY_PER_SESSION.
// Writes to one list run one at a time, so concurrent calls of a session lose no entry.
import browser from 'webextension-polyfill';
import { MAX_ACTIVITY_PER_SESSION, type ActivityEntry } from '../messages';
import { ACTIVITY_STORAGE_PREFIX, activityStorageKey } from '../storage-keys';
import { serialized } from './serial';
import { allSessions } from './session-store';

const turns = new Map<string, ReturnType<typeof serialized>>();

function inTurn<T>(sessionId: string, step: () => Promise<T>): Promise<T> {
  let turn = turns.get(sessionId);
  if (!turn) turns.set(sessionId, (turn = serialized()));
  return turn(step);
}

async function read(sessionId: string): Promise<ActivityEntry[]> {
  const key = activityStorageKey(sessionId);
  const stored = (await browser.storage.local.get(key))[key];
  return Array.isArray(stored) ? (stored as ActivityEntry[]) : [];
}

/** Appends one call to a live session's list (a session that ended meanwhile keeps none). */
export function appendActivity(sessionId: string, entry: ActivityEntry): Promise<void> {
  return inTurn(sessionId, async () => {
    if (!(await allSessions()).some((r) => r.id === sessionId)) return;
    const list = [...(await read(sessionId)), entry].slice(-MAX_ACTIVITY_PER_SESSION);
    await browser.storage.local.set({ [activityStorageKey(sessionId)]: list });
  });
}

/** A session's calls, newest first. */
export async function activityOf(sessionId: string): Promise<ActivityEntry[]> {
  return (await read(sessionId)).reverse();
}

/** Deletes the lists of sessions that ended. */
export async function deleteActivity(sessionIds: readonly string[]): Promise<void> {
  await Promise.all(
    sessionIds.map((id) =>
      inTurn(id, async () => {
        await browser.storage.local.remove(activityStorageKey(id));
        turns.delete(id);
      }),
    ),
  );
}

type LocalArea = typeof browser.storage.local & { getKeys?: () => Promise<string[]> };

/**
 * The keys in storage.local. `getKeys` (Chrome 130+; the polyfill passes it through untyped)
 * reads no values: every list of every session would otherwise be read once a minute.
 */
async function localKeys(): Promise<string[]> {
  const area = browser.storage.local as LocalArea;
  return area.getKeys ? area.getKeys() : Object.keys(await area.get(null));
}

/** Deletes every list whose session no longer exists (the sweep's safety net). */
export async function pruneActivity(liveSessionIds: ReadonlySet<string>): Promise<void> {
  const keys = await localKeys();
  const orphans = keys
    .filter((k) => k.startsWith(ACTIVITY_STORAGE_PREFIX))
    .map((k) => k.slice(ACTIVITY_STORAGE_PREFIX.length))
    .filter((id) => !liveSessionIds.has(id));
  await deleteActivity(orphans);
}
