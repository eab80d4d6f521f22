// Playwright fixtures: the real built extension in Debian's Chromium, and the demo dApp served
// over real HTTP on loopback. One browser per Playwright worker keeps the suite fast.
import {
  test as base,
  chromium,
  type BrowserContext,
  type Page,
  type Worker,
} from '@playwright/test';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer, type DemoServer } from '../src/demo/server';
import { chromiumPath, extensionArgs } from './chromium';

export const DIST = resolve('dist');

interface Extension {
  context: BrowserContext;
  id: string;
}

async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker'));
}

export const test = base.extend<{ page: Page }, { extension: Extension; demo: DemoServer }>({
  extension: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!existsSync(join(DIST, 'manifest.json'))) {
        throw new Error('dist/ is missing: run `npm run build` first');
      }
      const userDataDir = mkdtempSync(join(tmpdir(), 'lit-companion-e2e-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: chromiumPath(),
        headless: true,
        args: extensionArgs(DIST),
      });
      const worker = await serviceWorkerOf(context);
      const id = new URL(worker.url()).host;
      await use({ context, id });
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  demo: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemoServer(0);
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ extension }, use) => {
    const page = await extension.context.newPage();
    await use(page);
    await page.close();
  },
});

export const expect = test.expect;

/** Stops the extension's service worker through CDP and waits until Chromium says it stopped. */
export async function stopServiceWorker(extension: Extension, page: Page): Promise<void> {
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

/** Calls `window.lit.request(args)` in the page and returns the result or the error's fields. */
export function litRequest(page: Page, args: unknown) {
  return page.evaluate(async (a) => {
    try {
      return {
        result: await (
          window as unknown as { lit: { request: (x: unknown) => Promise<unknown> } }
        ).lit.request(a),
      };
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown; data?: unknown };
      return { error: { code: err.code, message: err.message, data: err.data } };
    }
  }, args);
}
