// The worker's copy of the settings: read once, dropped when any context changes them.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');
const { DEFAULT_SETTINGS, SETTINGS_KEY, getSettings, saveSettings } = await import('./settings');

describe('settings', () => {
  it('reads storage once, then again only after the stored settings change', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(get).toHaveBeenCalledTimes(1);

    // The options page (another context) writes: the worker hears it through onChanged.
    const other = { rpcUrl: 'https://rpc.example.org', defaultSessionMinutes: 30 };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: other });
    expect(await getSettings()).toEqual(other);
    expect(get).toHaveBeenCalledTimes(2);

    // Another key changing does not drop the copy; removing the settings does.
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(await getSettings()).toEqual(other);
    await fakeBrowser.storage.local.remove(SETTINGS_KEY);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(get).toHaveBeenCalledTimes(3);
    get.mockRestore();
  });

  it('answers what was just saved, and hands out copies', async () => {
    const saved = await saveSettings({ rpcUrl: 'http://127.0.0.1:9545', defaultSessionMinutes: 5 });
    const first = await getSettings();
    expect(first).toEqual(saved);
    first.rpcUrl = 'https://changed.example';
    expect((await getSettings()).rpcUrl).toBe('http://127.0.0.1:9545');
  });

  it('falls back to the defaults for stored settings that do not parse, and retries a failed read', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { rpcUrl: 42 } });
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { rpcUrl: 'x' } });
    const get = vi
      .spyOn(fakeBrowser.storage.local, 'get')
      .mockRejectedValueOnce(new Error('storage unavailable'));
    await expect(getSettings()).rejects.toThrow('storage unavailable');
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    get.mockRestore();
  });
});
