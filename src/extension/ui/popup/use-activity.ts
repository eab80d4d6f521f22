// One session's activity list, asked of the worker when the list is opened and again whenever the
// worker writes it (its storage.local key), so an open list follows calls as they happen.
import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import type { ActivityEntry } from '../../messages';
import { activityStorageKey } from '../../storage-keys';
import { askWorker } from '../shared/worker-client';

export type ActivityState =
  | { status: 'loading' }
  | { status: 'loaded'; entries: ActivityEntry[] }
  | { status: 'error'; message: string };

export function useActivity(sessionId: string): ActivityState {
  const [state, setState] = useState<ActivityState>({ status: 'loading' });
  useEffect(() => {
    let asked = 0;
    let stopped = false;
    // Calls can end in bursts: only the answer to the latest question is shown.
    const load = async () => {
      const mine = ++asked;
      try {
        const { entries } = await askWorker({ type: 'ui_getActivity', sessionId });
        if (!stopped && mine === asked) setState({ status: 'loaded', entries });
      } catch (e) {
        if (!stopped && mine === asked) {
          setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
        }
      }
    };
    const key = activityStorageKey(sessionId);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && key in changes) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    void load();
    return () => {
      stopped = true;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [sessionId]);
  return state;
}
