// The user's settings, in storage.local: which Lit network (by its chain RPC URL) and the session
// length the approval window proposes.
import browser from 'webextension-polyfill';
import { DEVNET_RPC_URL } from '../../client/discover';
import { settingsSchema, type Settings } from '../messages';
import { SETTINGS_STORAGE_KEY } from '../storage-keys';

export const SETTINGS_KEY = SETTINGS_STORAGE_KEY;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  rpcUrl: DEVNET_RPC_URL,
  defaultSessionMinutes: 24 * 60,
});

async function readSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const parsed = settingsSchema.safeParse(stored);
  // Settings that do not parse (hand-edited, an older shape) fall back to the defaults.
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

// Every request asks which network to use: a storage read each time was ~1 ms of a brokered
// call. The copy is dropped whenever the stored settings change, from any extension context.
let memo: Promise<Settings> | null = null;
let watching = false;

function watchStoredSettings(): void {
  if (watching) return;
  watching = true;
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) memo = null;
  });
}

/** A copy the caller may change: the memory copy is not handed out. */
const copyOf = async (settings: Promise<Settings>) => ({ ...(await settings) });

export function getSettings(): Promise<Settings> {
  watchStoredSettings();
  if (!memo) {
    const reading = readSettings();
    memo = reading;
    // A failed read is not remembered: the next call reads again.
    reading.catch(() => {
      if (memo === reading) memo = null;
    });
  }
  return copyOf(memo);
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  const valid = settingsSchema.parse(settings);
  watchStoredSettings();
  await browser.storage.local.set({ [SETTINGS_KEY]: valid });
  memo = Promise.resolve({ ...valid });
  return valid;
}
