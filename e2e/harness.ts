// What both the e2e fixtures and the extension bench set up, without the test runner: the built
// extension in Chromium, a devnet, and the extension's network setting pointed at it.
import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDevnet, type Devnet } from '../src/devnet/network';
import { pickFreePorts } from '../src/devnet/ports';
import { tempDataDir } from '../src/devnet/test-support';
import type { InternalRequest, InternalResponse } from '../src/extension/messages';
import { chromiumPath, extensionArgs } from './chromium';
import type { Page } from '@playwright/test';

export const DIST = resolve('dist');

export const POPUP_PAGE = 'src/extension/ui/popup/index.html';
export const OPTIONS_PAGE = 'src/extension/ui/options/index.html';

export interface Extension {
  context: BrowserContext;
  id: string;
}

export function extensionUrl(extension: Extension, path: string): string {
  return `chrome-extension://${extension.id}/${path}`;
}

/** Chromium with the built extension; `close()` also removes its profile. */
export async function launchExtension(): Promise<Extension & { close(): Promise<void> }> {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error('dist/ is missing: run `npx vite build` first');
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'lit-companion-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: extensionArgs(DIST),
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker'));
  return {
    context,
    id: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
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

export interface DevnetShape {
  /** Default 3. */
  nodes?: number;
  /** Default 2. */
  threshold?: number;
  /** Requests need a capacity credit (`--rate-limit`); default off. */
  rateLimit?: boolean;
}

/**
 * A devnet (3 nodes, threshold 2 unless asked otherwise) in this process, with the extension's
 * network setting pointed at it, as the options page sets it; `stop()` also removes its data dir.
 */
export async function startDevnetFor(
  extension: Extension,
  shape: DevnetShape = {},
): Promise<{ devnet: Devnet; stop(): Promise<void> }> {
  const nodes = shape.nodes ?? 3;
  const temp = tempDataDir('e2e-devnet-');
  const devnet = await startDevnet({
    dataDir: temp.dir,
    ...(await pickFreePorts(nodes)),
    nodes,
    threshold: shape.threshold ?? 2,
    rateLimit: shape.rateLimit ?? false,
    blockIntervalSeconds: 3600,
    // Endless actions in the suites end after 3 s instead of Datil's 30.
    actionTimeoutMs: 3_000,
  });
  const page = await extension.context.newPage();
  await page.goto(extensionUrl(extension, OPTIONS_PAGE));
  const saved = await askWorker(page, {
    type: 'ui_setSettings',
    settings: { rpcUrl: devnet.rpcUrl, defaultSessionMinutes: 24 * 60 },
  });
  await page.close();
  const stop = async () => {
    await devnet.stop();
    temp.remove();
  };
  if (!saved.ok || !('nodes' in saved.result.network) || saved.result.network.nodes !== nodes) {
    await stop();
    throw new Error(`the extension did not reach the devnet: ${JSON.stringify(saved)}`);
  }
  return { devnet, stop };
}
