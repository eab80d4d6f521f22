// The worker's canonical store of session records (never keys: those stay in the key vault),
// a vanilla zustand store persisted in storage.local with a schema version and migrations.
import browser from 'webextension-polyfill';
import { createStore } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';
import { SESSIONS_STORAGE_KEY } from '../storage-keys';
import { extensionLocalStorage } from './extension-storage';
import {
  SESSION_STORE_VERSION,
  migrateRecords,
  validRecords,
  type SessionRecord,
} from './session-records';

export const SESSION_STORE_KEY = SESSIONS_STORAGE_KEY;

interface SessionState {
  sessions: SessionRecord[];
}

export const sessionStore = createStore<SessionState>()(
  persist((): SessionState => ({ sessions: [] }), {
    name: SESSION_STORE_KEY,
    version: SESSION_STORE_VERSION,
    storage: extensionLocalStorage<SessionState>(),
    migrate: (persisted, version) => ({
      sessions: validRecords(
        migrateRecords((persisted as Partial<SessionState> | undefined)?.sessions, version),
      ),
    }),
    // A record that does not match the schema is dropped rather than trusted.
    merge: (persisted, current): SessionState => ({
      ...current,
      sessions: validRecords((persisted as Partial<SessionState> | undefined)?.sessions),
    }),
  }),
);

/** Resolves once the store has loaded from storage (never a premature empty list). */
export function sessionsHydrated(): Promise<void> {
  if (sessionStore.persist.hasHydrated()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = sessionStore.persist.onFinishHydration(() => {
      unsubscribe();
      resolve();
    });
    // Hydration may have finished between the check and the subscription.
    if (sessionStore.persist.hasHydrated()) {
      unsubscribe();
      resolve();
    }
  });
}

export async function allSessions(): Promise<SessionRecord[]> {
  await sessionsHydrated();
  return sessionStore.getState().sessions;
}

export async function sessionsOfOrigin(origin: string): Promise<SessionRecord[]> {
  return (await allSessions()).filter((s) => s.origin === origin);
}

// persist writes on every change without being awaited; storage.local serves calls in order,
// so a read after the write returns once the write is done.
async function written(): Promise<void> {
  await browser.storage.local.get(SESSION_STORE_KEY);
}

export async function addSession(record: SessionRecord): Promise<void> {
  await sessionsHydrated();
  sessionStore.setState((s) => ({ sessions: [...s.sessions, record] }));
  await written();
}

/** Drops the records that match; returns them. */
export async function removeSessions(
  match: (record: SessionRecord) => boolean,
): Promise<SessionRecord[]> {
  await sessionsHydrated();
  const removed = sessionStore.getState().sessions.filter(match);
  if (removed.length > 0) {
    sessionStore.setState((s) => ({ sessions: s.sessions.filter((r) => !match(r)) }));
    await written();
  }
  return removed;
}

/** Most CIDs a record keeps in `actionsRun` (its schema's cap); the oldest go first. */
const MAX_ACTIONS_RUN = 1024;

/** Notes that the user confirmed a Lit Action (by CID) in a session; false if the session is gone. */
export async function recordActionRun(sessionId: string, cid: string): Promise<boolean> {
  await sessionsHydrated();
  let found = false;
  sessionStore.setState((s) => ({
    sessions: s.sessions.map((r) => {
      if (r.id !== sessionId) return r;
      found = true;
      const runs = (r.actionsRun ?? []).filter((c) => c !== cid);
      return { ...r, actionsRun: [...runs, cid].slice(-MAX_ACTIONS_RUN) };
    }),
  }));
  await written();
  return found;
}
