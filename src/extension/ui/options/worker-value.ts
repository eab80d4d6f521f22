// A value the options page asks of the worker: asked at once, asked again whenever a watched storage
// key changes (so the page follows what the worker and other pages do, e.g. an unlock in the
// approval window), the latest answer winning. A failed ask becomes an error the page shows with a
// Retry: never an endless "Loading…" or a form left disabled without a word.

export interface StorageWatch {
  area: 'local' | 'session';
  key: string;
}

/** `value` null and `error` null: still loading. A value already shown stays through a failed re-ask. */
export interface WorkerValue<T> {
  value: T | null;
  error: string | null;
}

type ChangeListener = (changes: Record<string, unknown>, area: string) => void;

export interface StorageChanges {
  addListener(listener: ChangeListener): void;
  removeListener(listener: ChangeListener): void;
}

export interface WorkerValueFollower<T> {
  /** Asks again (the Retry button). */
  reload(): void;
  /** Shows the answer of an action (e.g. create) at once, then asks again to be sure it is the latest. */
  show(value: T): void;
  /** Stops listening; answers still on their way are dropped. */
  stop(): void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function followWorkerValue<T>({
  ask,
  watches,
  changes,
  onState,
}: {
  ask: () => Promise<T>;
  watches: readonly StorageWatch[];
  changes: StorageChanges;
  onState: (state: WorkerValue<T>) => void;
}): WorkerValueFollower<T> {
  let state: WorkerValue<T> = { value: null, error: null };
  let asked = 0;
  let stopped = false;
  const emit = (next: WorkerValue<T>) => {
    state = next;
    if (!stopped) onState(next);
  };

  const reload = async () => {
    // Changes come in bursts (a create writes the keystore, then the unlocked key): an older
    // answer that arrives late must not replace a newer one.
    const mine = ++asked;
    if (state.error !== null) emit({ value: state.value, error: null });
    try {
      const value = await ask();
      if (mine === asked) emit({ value, error: null });
    } catch (e) {
      if (mine === asked) emit({ value: state.value, error: messageOf(e) });
    }
  };

  const onChanged: ChangeListener = (changed, area) => {
    if (watches.some((w) => w.area === area && w.key in changed)) void reload();
  };
  changes.addListener(onChanged);
  void reload();

  return {
    reload: () => void reload(),
    show: (value) => {
      emit({ value, error: null });
      // An ask sent before the action may answer after it with the state before it: asked once
      // more, the answer after everything so far wins.
      void reload();
    },
    stop: () => {
      stopped = true;
      changes.removeListener(onChanged);
    },
  };
}
