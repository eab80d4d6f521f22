// `followWorkerValue` as a React hook over the extension's storage.onChanged. `ask` and `watches`
// must be stable (module constants or memoized): a new one starts following afresh.
import { useEffect, useRef, useState } from 'react';
import browser from 'webextension-polyfill';
import {
  followWorkerValue,
  type StorageWatch,
  type WorkerValue,
  type WorkerValueFollower,
} from './worker-value';

export function useWorkerValue<T>(
  ask: () => Promise<T>,
  watches: readonly StorageWatch[] = [],
): WorkerValue<T> & { reload: () => void; show: (value: T) => void } {
  const [state, setState] = useState<WorkerValue<T>>({ value: null, error: null });
  const follower = useRef<WorkerValueFollower<T> | null>(null);
  useEffect(() => {
    const following = followWorkerValue({
      ask,
      watches,
      changes: browser.storage.onChanged,
      onState: setState,
    });
    follower.current = following;
    return () => {
      following.stop();
      follower.current = null;
    };
  }, [ask, watches]);
  return {
    ...state,
    reload: () => follower.current?.reload(),
    show: (value) => follower.current?.show(value),
  };
}
