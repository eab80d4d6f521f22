// Where Debian's Chromium lives; CHROMIUM_PATH overrides it.
import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found: install Debian\'s "chromium" package or set CHROMIUM_PATH',
    );
  }
  return found;
}

/** Flags that keep Chromium quiet on a machine with a closed network, and load one extension. */
export function extensionArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}

/** Stops the extension's service worker through CDP and waits until Chromium says it stopped. */
export async function stopServiceWorker(
  extension: { context: BrowserContext; id: string },
  page: Page,
): Promise<void> {
  const cdp = await extension.context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    const stopped = new Promise<void>((done) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const ours = versions.filter((v) =>
          v.scriptURL.startsWith(`chrome-extension://${extension.id}/`),
        );
        if (ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) done();
      });
    });
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach();
  }
}
