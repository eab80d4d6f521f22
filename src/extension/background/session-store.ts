// The worker's canonical store of session records (never keys: those stay in the key vault),
// persisted in storage.local with a schema version so later versions can migrate old records.
import { z } from 'zod/mini';
import { createStore } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';
import type { SessionSummary } from '../messages';
import { extensionLocalStorage } from './extension-storage';

export const SESSION_STORE_KEY = 'lit-companion:sessions';
export const SESSION_STORE_VERSION = 1;

const sessionRecordSchema = z.object({
  id: z.string(),
  origin: z.string(),
  publicKey: z.string(),
  authMethod: z.string(),
  address: z.string(),
  capabilities: z.array(z.object({ resource: z.string(), ability: z.string() })),
  issuedAt: z.string(),
  expiration: z.string(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

interface SessionState {
  sessions: SessionRecord[];
}

export const sessionStore = createStore<SessionState>()(
  persist((): SessionState => ({ sessions: [] }), {
    name: SESSION_STORE_KEY,
    version: SESSION_STORE_VERSION,
    storage: extensionLocalStorage<SessionState>(),
    // A record that does not match the schema is dropped rather than trusted.
    merge: (persisted, current): SessionState => {
      const list = (persisted as Partial<SessionState> | undefined)?.sessions;
      if (!Array.isArray(list)) return current;
      const sessions = list.flatMap((r) => {
        const parsed = sessionRecordSchema.safeParse(r);
        return parsed.success ? [parsed.data] : [];
      });
      return { ...current, sessions };
    },
  }),
);

function hydrated(): Promise<void> {
  if (sessionStore.persist.hasHydrated()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = sessionStore.persist.onFinishHydration(() => {
      unsubscribe();
      resolve();
    });
  });
}

/** Every session, once the store has loaded from storage (never a premature empty list). */
export async function listSessionSummaries(): Promise<SessionSummary[]> {
  await hydrated();
  return sessionStore.getState().sessions;
}
