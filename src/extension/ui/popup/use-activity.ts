// One session's activity list, asked of the worker when the list is opened and again whenever the
// worker announces a change to it (on ACTIVITY_CHANNEL), so an open list follows calls as they
// happen.
import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../messages';
import { ACTIVITY_CHANNEL } from '../../storage-keys';
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
    const channel = new BroadcastChannel(ACTIVITY_CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const changed = event.data as { sessionId?: unknown } | null;
      if (changed?.sessionId === sessionId) void load();
    };
    void load();
    return () => {
      stopped = true;
      channel.close();
    };
  }, [sessionId]);
  return state;
}
