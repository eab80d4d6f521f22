// Session records written straight into storage.local (as a previous worker would have left them),
// for the popup's hydration, badge and load checks.
import type { Page } from '@playwright/test';

export function fakeRecord(i: number, origin: string, expiresInMs: number) {
  const now = Date.now();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    origin,
    publicKey: i.toString(16).padStart(64, '0'),
    authMethod: 'wallet',
    walletSource: 'page',
    address: '0x' + (i + 1).toString(16).padStart(40, '0'),
    capabilities: [{ resource: 'lit-pkp://*', ability: 'pkp-signing' }],
    issuedAt: new Date(now - 60_000).toISOString(),
    expiration: new Date(now + expiresInMs).toISOString(),
    capability: null,
  };
}

/** Replaces the stored records, from an extension page. */
export async function writeRecords(extensionPage: Page, records: unknown[]): Promise<void> {
  await extensionPage.evaluate(
    (sessions) =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set(items: object): Promise<void> } } };
        }
      ).chrome.storage.local.set({ 'lit-companion:sessions': { version: 2, state: { sessions } } }),
    records,
  );
}

/**
 * Keeps the worker's minute sweep from ending expired records during a test: clears its alarm
 * (`SWEEP_ALARM` in src/extension/background/sweep.ts), so the worker's next start schedules it a
 * full minute out. Call it before stopping the worker.
 */
export async function postponeSweep(extensionPage: Page): Promise<void> {
  const cleared = await extensionPage.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { alarms: { clear(name: string): Promise<boolean> } };
      }
    ).chrome.alarms.clear('lit-companion:sweep'),
  );
  if (!cleared) throw new Error('the sweep alarm was not there to clear: has its name changed?');
}
