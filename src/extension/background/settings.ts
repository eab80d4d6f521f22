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

export async function getSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const parsed = settingsSchema.safeParse(stored);
  // Settings that do not parse (hand-edited, an older shape) fall back to the defaults.
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export async function saveSettings(settings: Settings): Promise<Settings> {
  const valid = settingsSchema.parse(settings);
  await browser.storage.local.set({ [SETTINGS_KEY]: valid });
  return valid;
}
