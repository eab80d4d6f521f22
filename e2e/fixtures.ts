// Playwright fixtures: the real built extension in Debian's Chromium, the demo dApp served over
// real HTTP on loopback (twice: two origins), and a real devnet the extension points at. One
// browser per Playwright worker keeps the suite fast.
import { test as base, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../src/demo/server';
import type { Devnet } from '../src/devnet/network';
import { stopServiceWorker } from './chromium';
import { launchExtension, startDevnetFor, type Extension } from './harness';

export { stopServiceWorker };
export { DIST, OPTIONS_PAGE, POPUP_PAGE, askWorker, extensionUrl, type Extension } from './harness';

interface WorkerFixtures {
  extension: Extension;
  demo: DemoServer;
  /** A second dApp on another port: another origin. */
  otherDemo: DemoServer;
  /** A real devnet (3 nodes, threshold 2) that the extension's network setting points at. */
  devnet: Devnet;
}

// Playwright reads the fixture's dependencies from the destructuring: none here.
// eslint-disable-next-line no-empty-pattern
async function demoServer({}: object, use: (demo: DemoServer) => Promise<void>): Promise<void> {
  const demo = await startDemoServer(0);
  await use(demo);
  await demo.close();
}

export const test = base.extend<{ page: Page }, WorkerFixtures>({
  extension: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const extension = await launchExtension();
      await use(extension);
      await extension.close();
    },
    { scope: 'worker' },
  ],
  demo: [demoServer, { scope: 'worker' }],
  otherDemo: [demoServer, { scope: 'worker' }],
  devnet: [
    async ({ extension }, use) => {
      const { devnet, stop } = await startDevnetFor(extension);
      await use(devnet);
      await stop();
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
