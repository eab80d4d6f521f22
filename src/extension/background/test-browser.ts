// A minimal stand-in for webextension-polyfill in unit tests (below the layer under test).
export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

const local = new Map<string, unknown>();

export const fakeBrowser = {
  runtime: {
    id: EXTENSION_ID,
    getManifest: () => ({ version: '9.8.7' }),
    getURL: (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`,
  },
  storage: {
    local: {
      get: async (key: string) => (local.has(key) ? { [key]: local.get(key) } : {}),
      set: async (items: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(items)) local.set(k, v);
      },
      remove: async (key: string) => {
        local.delete(key);
      },
    },
  },
};
