// Lit's own client (LitNodeClientNodeJs 7.4.0, bundled with vite for the browser) in an ordinary
// page of the bench's Chromium: what a dApp without the extension runs, over the same network
// stack as the extension's worker. The extension's benches compare with it beside Lit's client in
// Node, where the same calls skip Chromium's fetch and process hops altogether.
import type { BrowserContext, Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** The client as one IIFE script defining `LitInPage.LitNodeClientNodeJs`. */
async function bundleClient(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { crypto: join(here, 'lit-in-page', 'crypto-shim.ts') } },
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(here, 'lit-in-page', 'entry.ts'),
        formats: ['iife'],
        name: 'LitInPage',
      },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
  const chunk = output.output.find((o) => o.type === 'chunk');
  if (!chunk) throw new Error('bench: bundling Lit’s client for a page produced no script');
  return chunk.code;
}

// Lit's code reads `process` (env, version) at load; a page has none.
const PROCESS_SHIM =
  'globalThis.process = { env: {}, version: "", versions: {}, browser: true, ' +
  'nextTick: (f, ...a) => queueMicrotask(() => f(...a)) };';

export interface LitInPage {
  /** `pkpSign` through the page's client; resolves to the page's own timing of the call. */
  timePkpSign(sessionSigs: unknown, pubKey: string): Promise<number>;
  close(): Promise<void>;
}

/** A page of `context` with Lit's client connected to the network at `rpcUrl`. */
export async function openLitInPage(context: BrowserContext, rpcUrl: string): Promise<LitInPage> {
  const script = await bundleClient();
  const server = createServer((req, res) => {
    if (req.url === '/lit.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><script>${PROCESS_SHIM}</script><script src="/lit.js"></script>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // The page's keep-alive connection would hold close() for the server's idle timeout.
      server.closeAllConnections();
    });
  let page: Page | null = null;
  try {
    page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.evaluate(async (url) => {
      const w = window as unknown as {
        LitInPage: { LitNodeClientNodeJs: new (o: object) => { connect(): Promise<void> } };
        litClient: unknown;
      };
      const client = new w.LitInPage.LitNodeClientNodeJs({
        litNetwork: 'custom',
        rpcUrl: url,
        debug: false,
      });
      await client.connect();
      w.litClient = client;
    }, rpcUrl);
  } catch (e) {
    await page?.close();
    await closeServer();
    throw e;
  }
  const opened = page;
  return {
    timePkpSign: (sessionSigs, pubKey) =>
      opened.evaluate(
        async ([sigs, key]) => {
          const client = (
            window as unknown as {
              litClient: {
                pkpSign(p: object): Promise<{ signature: string }>;
              };
            }
          ).litClient;
          const start = performance.now();
          const signed = await client.pkpSign({
            sessionSigs: sigs,
            toSign: crypto.getRandomValues(new Uint8Array(32)),
            pubKey: key,
          });
          const ms = performance.now() - start;
          if (!/^0x[0-9a-f]{130}$/i.test(signed.signature)) throw new Error('no signature');
          return ms;
        },
        [sessionSigs, pubKey] as const,
      ),
    close: async () => {
      await opened.close();
      await closeServer();
    },
  };
}
