// The popup's mirror of the worker's sessions: asked once the popup opens (the worker answers only
// after its store has hydrated), and again whenever the records change in storage.local.
import browser from 'webextension-polyfill';
import { create } from 'zustand';
import type { InternalResults } from '../../messages';
import { SESSIONS_STORAGE_KEY } from '../../storage-keys';
import { answerOf, askWorker } from '../shared/worker-client';
import { takeEarlyStatus } from './early-status';

type Status = InternalResults['ui_getStatus'];

/**
 * The first load takes the answer asked early, unless the sessions changed since; later ones (and
 * it, if none was) ask anew.
 */
function askStatus(): Promise<Status> {
  const early = takeEarlyStatus();
  return early && !early.changed
    ? early.answer.then((answer) => answerOf<'ui_getStatus'>(answer))
    : askWorker({ type: 'ui_getStatus' });
}

interface SessionsState {
  /** Null until the worker answered: the popup shows "Loading", never a premature empty list. */
  status: Status | null;
  error: string | null;
  load: () => Promise<void>;
  /** Keeps `status` live; returns the unsubscribe function. */
  watch: () => () => void;
  /**
   * What the popup does first: listen to changes, then load. Listening first, no change made
   * while the popup opens is missed (the early script notes those made before).
   */
  start: () => () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

// Loads overlap (a change while the first answer is on its way): the last one asked wins.
let asked = 0;

export const useSessions = create<SessionsState>()((set, get) => ({
  status: null,
  error: null,
  load: async () => {
    const mine = ++asked;
    try {
      const status = await askStatus();
      if (mine === asked) set({ status, error: null });
    } catch (e) {
      if (mine === asked) set({ error: message(e) });
    }
  },
  watch: () => {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SESSIONS_STORAGE_KEY in changes) void get().load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
  start: () => {
    const stop = get().watch();
    void get().load();
    return stop;
  },
}));
