// zustand's PersistStorage over browser.storage.local, storing plain objects (no JSON strings),
// so the UI can read the same keys through storage.onChanged.
import browser from 'webextension-polyfill';
import type { PersistStorage, StorageValue } from 'zustand/middleware';

export function extensionLocalStorage<S>(): PersistStorage<S> {
  return {
    async getItem(name) {
      const stored = await browser.storage.local.get(name);
      return (stored[name] as StorageValue<S> | undefined) ?? null;
    },
    async setItem(name, value) {
      await browser.storage.local.set({ [name]: value });
    },
    async removeItem(name) {
      await browser.storage.local.remove(name);
    },
  };
}
