// One ticking clock for every live time on a page. A component reads from it only what it shows
// (`useClock(now => relativeTime(at, now))`), so a tick re-renders just the components whose text
// changed: with 200 sessions in the popup, re-rendering every row each second cost ~21 ms of CPU
// per second; most relative times change once a minute.
import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;

export interface Clock {
  now(): number;
  subscribe(listener: () => void): () => void;
}

/** A clock over `setInterval` that runs only while someone listens. */
export function createClock(
  tickMs = TICK_MS,
  timers: Pick<typeof globalThis, 'setInterval' | 'clearInterval'> = globalThis,
  read: () => number = Date.now,
): Clock {
  let current = read();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    now: () => current,
    subscribe(listener) {
      listeners.add(listener);
      if (timer === null) {
        current = read();
        timer = timers.setInterval(() => {
          current = read();
          for (const l of [...listeners]) l();
        }, tickMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          timers.clearInterval(timer);
          timer = null;
        }
      };
    },
  };
}

const pageClock = createClock();

/**
 * What `read` makes of the current time, kept live; the component re-renders only when that
 * value changes (compared with Object.is: return a string, number or boolean).
 */
export function useClock<T extends string | number | boolean>(
  read: (now: number) => T,
  clock: Clock = pageClock,
): T {
  return useSyncExternalStore(clock.subscribe, () => read(clock.now()));
}
