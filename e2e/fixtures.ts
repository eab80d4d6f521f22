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
import { startDevnet, type Devnet } from '../src/devnet/network';
import { pickFreePorts } from '../src/devnet/ports';
import { tempDataDir } from '../src/devnet/test-support';
import type { InternalRequest, InternalResponse } from '../src/extension/messages';
import { chromiumPath, extensionArgs, stopServiceWorker } from './chromium';

export { stopServiceWorker };

export const DIST = resolve('dist');

export interface Extension {
  context: BrowserContext;
  id: string;
}

async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker'));
}

interface WorkerFixtures {
  extension: Extension;
  demo: DemoServer;
  /** A second dApp on another port: another origin. */
  otherDemo: DemoServer;
  /** A real devnet (3 nodes, threshold 2) that the extension's network setting points at. */
  devnet: Devnet;
}

export const test = base.extend<{ page: Page }, WorkerFixtures>({
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
  otherDemo: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemoServer(0);
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  devnet: [
    async ({ extension }, use) => {
      const temp = tempDataDir('e2e-devnet-');
      const devnet = await startDevnet({
        dataDir: temp.dir,
        ...(await pickFreePorts(3)),
        nodes: 3,
        threshold: 2,
        blockIntervalSeconds: 3600,
      });
      // The extension's network setting, set as the options page does (an internal message).
      const page = await extension.context.newPage();
      await page.goto(extensionUrl(extension, OPTIONS_PAGE));
      const saved = await askWorker(page, {
        type: 'ui_setSettings',
        settings: { rpcUrl: devnet.rpcUrl, defaultSessionMinutes: 24 * 60 },
      });
      await page.close();
      if (!saved.ok || !('nodes' in saved.result.network) || saved.result.network.nodes !== 3) {
        throw new Error(`the extension did not reach the devnet: ${JSON.stringify(saved)}`);
      }
      await use(devnet);
      await devnet.stop();
      temp.remove();
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

export const POPUP_PAGE = 'src/extension/ui/popup/index.html';
export const OPTIONS_PAGE = 'src/extension/ui/options/index.html';

export function extensionUrl(extension: Extension, path: string): string {
  return `chrome-extension://${extension.id}/${path}`;
}

/** Sends an internal message from an extension page (as the popup or options page do). */
export function askWorker<T extends InternalRequest>(
  extensionPage: Page,
  message: T,
): Promise<InternalResponse<T['type']>> {
  return extensionPage.evaluate(
    (m) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<InternalResponse<T['type']>> } };
        }
      ).chrome.runtime.sendMessage(m),
    message,
  );
}
