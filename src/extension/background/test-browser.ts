// A stand-in for webextension-polyfill in unit tests (below the layer under test): storage areas
// with onChanged, windows, tabs.sendMessage and alarms, recording what the worker did.
export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

type Change = { newValue?: unknown; oldValue?: unknown };
type Listener = (changes: Record<string, Change>, area: string) => void;
const changeListeners = new Set<Listener>();

function area(name: 'local' | 'session') {
  const data = new Map<string, unknown>();
  const keysOf = (keys: unknown): string[] =>
    keys == null ? [...data.keys()] : Array.isArray(keys) ? keys : [String(keys)];
  return {
    data,
    getKeys: async () => [...data.keys()],
    get: async (keys?: unknown) => {
      const out: Record<string, unknown> = {};
      for (const k of keysOf(keys)) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    set: async (items: Record<string, unknown>) => {
      const changes: Record<string, Change> = {};
      for (const [k, v] of Object.entries(items)) {
        data.set(k, structuredClone(v));
        changes[k] = { newValue: v };
      }
      for (const l of changeListeners) l(changes, name);
    },
    remove: async (keys: unknown) => {
      // As Chrome does: removing a key that exists is a change listeners hear of.
      const changes: Record<string, Change> = {};
      for (const k of keysOf(keys)) {
        if (data.has(k)) changes[k] = { oldValue: data.get(k) };
        data.delete(k);
      }
      if (Object.keys(changes).length > 0) for (const l of changeListeners) l(changes, name);
    },
  };
}

export const sentToTabs: { tabId: number; message: unknown; options: unknown }[] = [];
export const createdWindows: { id: number; url: string }[] = [];
const openWindows = new Set<number>();
let nextWindowId = 100;
/** Runs when the worker opens a window (tests check what was stored before). */
export const onWindowCreated: { fn: ((url: string) => void) | null } = { fn: null };

export const fakeBrowser = {
  runtime: {
    id: EXTENSION_ID,
    getManifest: () => ({ version: '9.8.7' }),
    getURL: (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`,
  },
  storage: {
    local: area('local'),
    session: area('session'),
    onChanged: {
      addListener: (l: Listener) => changeListeners.add(l),
      removeListener: (l: Listener) => changeListeners.delete(l),
    },
  },
  windows: {
    create: async ({ url }: { url: string }) => {
      const id = nextWindowId++;
      onWindowCreated.fn?.(url);
      createdWindows.push({ id, url });
      openWindows.add(id);
      return { id };
    },
    update: async (id: number) => {
      if (!openWindows.has(id)) throw new Error(`No window with id: ${id}`);
      return { id };
    },
    remove: async (id: number) => {
      openWindows.delete(id);
    },
  },
  tabs: {
    sendMessage: async (tabId: number, message: unknown, options: unknown) => {
      sentToTabs.push({ tabId, message, options });
    },
  },
  alarms: {
    get: async () => undefined,
    create: async () => undefined,
  },
};

/** Closes a window as the user would (the caller then runs the worker's onRemoved handling). */
export function closeWindow(id: number): void {
  openWindows.delete(id);
}
