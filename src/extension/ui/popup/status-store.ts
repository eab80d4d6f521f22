// The popup's view of the worker: loaded once when the popup opens.
import { create } from 'zustand';
import type { InternalResults } from '../../messages';
import { askWorker } from '../shared/worker-client';

type Status = InternalResults['ui_getStatus'];

interface StatusState {
  status: Status | null;
  error: string | null;
  load: () => Promise<void>;
}

export const useStatus = create<StatusState>()((set) => ({
  status: null,
  error: null,
  load: async () => {
    try {
      set({ status: await askWorker({ type: 'ui_getStatus' }), error: null });
    } catch (e) {
      set({ error: e instanceof Error ? e.message : String(e) });
    }
  },
}));
