// Where a Node.js (or any non-extension) user of src/client keeps a session: the seed's
// `storageProvider`, asynchronous so it can be a file, a database or a keychain.
export interface StorageProvider {
  /** The stored string, or null/undefined when there is none. */
  get(key: string): Promise<string | null | undefined>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Keeps values in memory for the life of the process (tests, short scripts). */
export function memoryStorageProvider(): StorageProvider {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, value);
    },
    remove: async (key) => {
      values.delete(key);
    },
  };
}
