import { describe, expect, it } from 'vitest';
import { followWorkerValue, type StorageChanges, type WorkerValue } from './worker-value';

type Listener = Parameters<StorageChanges['addListener']>[0];

function fakeChanges() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addListener: (l: Listener) => listeners.add(l),
    removeListener: (l: Listener) => listeners.delete(l),
    fire: (key: string, area: string) => {
      for (const l of listeners) l({ [key]: { newValue: 1 } }, area);
    },
  };
}

/** An ask whose answers the test hands out one by one, in any order. */
function controlledAsk<T>() {
  const calls: { resolve: (v: T) => void; reject: (e: Error) => void }[] = [];
  const ask = () =>
    new Promise<T>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { ask, calls };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function follow<T>(watches = [{ area: 'session' as const, key: 'unlocked' }]) {
  const changes = fakeChanges();
  const { ask, calls } = controlledAsk<T>();
  const states: WorkerValue<T>[] = [];
  const follower = followWorkerValue({ ask, watches, changes, onState: (s) => states.push(s) });
  const last = () => states.at(-1);
  return { changes, calls, states, follower, last };
}

describe('followWorkerValue', () => {
  it('asks at once; a failed ask is an error, and Retry asks again', async () => {
    const { calls, follower, last } = follow<string>();
    expect(calls).toHaveLength(1);
    calls[0]!.reject(new Error('The extension did not answer'));
    await settle();
    expect(last()).toEqual({ value: null, error: 'The extension did not answer' });

    follower.reload();
    // While it asks again, the page is back to loading, not stuck on the old error.
    expect(last()).toEqual({ value: null, error: null });
    calls[1]!.resolve('loaded');
    await settle();
    expect(last()).toEqual({ value: 'loaded', error: null });
  });

  it('asks again when a watched key changes in its area, and only then', async () => {
    const { changes, calls, last } = follow<string>();
    calls[0]!.resolve('locked');
    await settle();
    changes.fire('unlocked', 'local');
    changes.fire('other', 'session');
    expect(calls).toHaveLength(1);
    changes.fire('unlocked', 'session');
    expect(calls).toHaveLength(2);
    calls[1]!.resolve('unlocked');
    await settle();
    expect(last()).toEqual({ value: 'unlocked', error: null });
  });

  it('shows the latest answer even when an older one arrives after it', async () => {
    const { changes, calls, last } = follow<string>();
    changes.fire('unlocked', 'session');
    calls[1]!.resolve('newer');
    await settle();
    calls[0]!.resolve('older');
    await settle();
    expect(last()).toEqual({ value: 'newer', error: null });
  });

  it('keeps a shown value through a failed re-ask, with the error', async () => {
    const { changes, calls, last } = follow<string>();
    calls[0]!.resolve('shown');
    await settle();
    changes.fire('unlocked', 'session');
    calls[1]!.reject(new Error('worker restarting'));
    await settle();
    expect(last()).toEqual({ value: 'shown', error: 'worker restarting' });
  });

  it("shows an action's answer at once, then asks again so a late older answer cannot win", async () => {
    const { calls, follower, last } = follow<string>();
    follower.show('created');
    expect(last()).toEqual({ value: 'created', error: null });
    calls[0]!.resolve('before the create');
    await settle();
    expect(last()).toEqual({ value: 'created', error: null });
    calls[1]!.resolve('created, confirmed');
    await settle();
    expect(last()).toEqual({ value: 'created, confirmed', error: null });
  });

  it('after stop, stops listening and drops answers on their way', async () => {
    const { changes, calls, follower, states } = follow<string>();
    follower.stop();
    expect(changes.listeners.size).toBe(0);
    calls[0]!.resolve('late');
    await settle();
    expect(states).toEqual([]);
  });
});
