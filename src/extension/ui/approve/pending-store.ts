// The approval window's view of the pending requests: re-asked when they change in
// storage.session and every 20 s (which also keeps the worker awake while the user decides).
import browser from 'webextension-polyfill';
import { create } from 'zustand';
import type { InternalResults } from '../../messages';
import { PENDING_STORAGE_KEY } from '../../storage-keys';
import { askWorker } from '../shared/worker-client';

type Pending = InternalResults['ui_getPending'];
const REFRESH_MS = 20_000;

interface PendingState {
  data: Pending | null;
  error: string | null;
  load: () => Promise<void>;
  /** Keeps `data` live; returns the unsubscribe function. */
  watch: () => () => void;
}

export const usePending = create<PendingState>()((set, get) => ({
  data: null,
  error: null,
  load: async () => {
    try {
      const data = await askWorker({ type: 'ui_getPending' });
      set({ data, error: null });
    } catch (e) {
      set({ error: e instanceof Error ? e.message : String(e) });
    }
  },
  watch: () => {
    const timer = setInterval(() => void get().load(), REFRESH_MS);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && PENDING_STORAGE_KEY in changes) void get().load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      clearInterval(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  },
}));
