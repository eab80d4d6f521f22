// `npm run bench:ab -- [--rounds N] [--method lit_pkpSign|lit_ping] DIST_A DIST_B…`: two or more
// builds of the extension loaded side by side in one Chromium, against one devnet, their calls
// (and Lit's own client's pkpSign in Node) interleaved in a random order every round. Run to run,
// this machine moves a p50 by ±10%; side by side, a change of 0.2–0.5 ms shows.
//
// Each build is copied and given its own manifest version (which `lit_ping` reports) and its own
// message source names, so the relay of one build does not answer the provider of another. The
// page finds the providers through `lit:announceProvider`. Lit's figure is a reference for the
// machine's state, not the goal's baseline: its client is still warming up after 20 rounds (see
// extension-brokered.bench.ts).
import { chromium, type Page } from '@playwright/test';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumPath, extensionArgs } from '../e2e/chromium';
import { askWorker, OPTIONS_PAGE } from '../e2e/harness';
import { ALL_BROKERED } from '../e2e/brokered';
import { startDemoServer } from '../src/demo/server';
import { startTestDevnet } from '../src/devnet/test-support';
import { CONTENT_SOURCE, INPAGE_SOURCE } from '../src/extension/messages';
import { toHex } from '../src/protocol/bytes';
import { autoApprove } from './extension-approvals';
import { percentile } from './lib';

// As in bench/run.ts: users have no debugger watching the worker's network.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK ??= '1';

const WARM_UP = 20;
const METHODS = ['lit_pkpSign', 'lit_ping'] as const;
type Method = (typeof METHODS)[number];

function usage(problem: string): never {
  console.error(`bench:ab: ${problem}`);
  console.error(
    'usage: npm run bench:ab -- [--rounds N] [--method lit_pkpSign|lit_ping] DIST_A DIST_B…',
  );
  process.exit(2);
}

function options(): { rounds: number; method: Method; dists: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { rounds: { type: 'string', default: '150' }, method: { type: 'string' } },
    });
  } catch (e) {
    usage((e as Error).message);
  }
  // Digits only: Number() would also take "0x20", "1e3" and " 5".
  const rounds = /^[0-9]{1,5}$/.test(parsed.values.rounds) ? Number(parsed.values.rounds) : NaN;
  if (!Number.isSafeInteger(rounds) || rounds < 1 || rounds > 10_000) {
    usage(`--rounds: expected a whole number from 1 to 10000, got "${parsed.values.rounds}"`);
  }
  const method = (parsed.values.method ?? 'lit_pkpSign') as Method;
  if (!METHODS.includes(method)) usage(`--method: expected one of ${METHODS.join(', ')}`);
  const dists = parsed.positionals.map((d) => resolve(d));
  if (dists.length < 2) usage('name at least two builds (dist directories) to compare');
  for (const dist of dists) {
    if (!existsSync(join(dist, 'manifest.json'))) usage(`${dist}: no manifest.json (a build?)`);
  }
  return { rounds, method, dists };
}

/** A copy of the build that can run beside the others: version `9.9.<index>`, own channel names. */
function sideBySideCopy(dist: string, index: number): string {
  const copy = mkdtempSync(join(tmpdir(), `lit-companion-ab-${index}-`));
  cpSync(dist, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version: string;
    content_scripts?: { js?: string[] }[];
  };
  manifest.version = `9.9.${index}`;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  let renamed = 0;
  for (const script of scripts) {
    const path = join(copy, script);
    const text = readFileSync(path, 'utf8');
    const next = text
      .replaceAll(INPAGE_SOURCE, `${INPAGE_SOURCE}-ab${index}`)
      .replaceAll(CONTENT_SOURCE, `${CONTENT_SOURCE}-ab${index}`);
    if (next !== text) renamed++;
    writeFileSync(path, next);
  }
  // The provider and the relay both name both sources; a build that does not would talk to the
  // other builds' scripts and make the comparison meaningless.
  if (renamed < 2) throw new Error(`${dist}: its content scripts do not name the message sources`);
  return copy;
}

/** Each build's provider in `page`, by the version its worker reports. */
async function providersByVersion(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    type Provider = { request(a: unknown): Promise<{ version: string }> };
    const found: Provider[] = [];
    window.addEventListener('lit:announceProvider', (e) =>
      found.push((e as CustomEvent<{ provider: Provider }>).detail.provider),
    );
    window.dispatchEvent(new Event('lit:requestProvider'));
    await new Promise((r) => setTimeout(r, 300));
    const byVersion: Record<string, Provider> = {};
    for (const provider of new Set(found)) {
      byVersion[(await provider.request({ method: 'lit_ping' })).version] = provider;
    }
    (window as unknown as { __abProviders: Record<string, Provider> }).__abProviders = byVersion;
    return Object.keys(byVersion).sort();
  });
}

/** One call through the build with `version`, timed in the page. */
function timedCall(page: Page, version: string, request: unknown): Promise<number> {
  return page.evaluate(
    async ([v, r]) => {
      const providers = (
        window as unknown as {
          __abProviders: Record<string, { request(a: unknown): Promise<unknown> }>;
        }
      ).__abProviders;
      const start = performance.now();
      await providers[v]!.request(r);
      return performance.now() - start;
    },
    [version, request] as const,
  );
}

const { rounds, method, dists } = options();
const copies = dists.map(sideBySideCopy);
const profile = mkdtempSync(join(tmpdir(), 'lit-companion-ab-profile-'));
const list = copies.join(',');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath(),
  headless: true,
  args: extensionArgs(copies[0]!).map((a) =>
    a.startsWith('--load-extension=')
      ? `--load-extension=${list}`
      : a.startsWith('--disable-extensions-except=')
        ? `--disable-extensions-except=${list}`
        : a,
  ),
});
const { devnet, temp } = await startTestDevnet({ prefix: 'lit-companion-ab-' });
const demo = await startDemoServer(0);
const lit = new LitNodeClientNodeJs({ litNetwork: 'custom', rpcUrl: devnet.rpcUrl, debug: false });
try {
  const extensionWorkers = () =>
    context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
  while (extensionWorkers().length < copies.length) await context.waitForEvent('serviceworker');
  await lit.connect();

  // Every build: the devnet, a built-in account, and approvals granted at once with PKP
  // signatures allowed for the session (no confirmation in the timed calls).
  const addresses: string[] = [];
  for (const worker of extensionWorkers()) {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${new URL(worker.url()).host}/${OPTIONS_PAGE}`);
    const saved = await askWorker(options, {
      type: 'ui_setSettings',
      settings: { rpcUrl: devnet.rpcUrl, defaultSessionMinutes: 24 * 60 },
    });
    const account = await askWorker(options, { type: 'ui_createAccount', password: 'ab password' });
    if (!saved.ok || !account.ok || !account.result.address) {
      throw new Error(`a build did not set up: ${JSON.stringify({ saved, account })}`);
    }
    addresses.push(account.result.address);
    await autoApprove(options, { pkpSigning: 'allow' });
  }
  const minted = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ permittedAddresses: addresses }),
  });
  const pkp = (await minted.json()) as { publicKey: string };

  const page = await context.newPage();
  await page.goto(demo.url);
  const versions = await providersByVersion(page);
  if (versions.length !== copies.length) {
    throw new Error(`found ${versions.length} providers for ${copies.length} builds`);
  }
  // A session per build; Lit's client signs with the last build's sigs.
  let sessionSigs: unknown;
  for (const version of versions) {
    sessionSigs = await page.evaluate(
      async ([v, r]) =>
        (
          window as unknown as {
            __abProviders: Record<string, { request(a: unknown): Promise<unknown> }>;
          }
        ).__abProviders[v]!.request(r),
      [
        version,
        {
          method: 'lit_getSessionSigs',
          params: { resourceAbilityRequests: ALL_BROKERED, walletSource: 'builtin' },
        },
      ] as const,
    );
  }

  const request = () =>
    method === 'lit_ping'
      ? { method }
      : {
          method,
          params: {
            pubKey: pkp.publicKey,
            toSign: `0x${toHex(crypto.getRandomValues(new Uint8Array(32)))}`,
          },
        };
  const samples = new Map<string, number[]>(['lit', ...versions].map((who) => [who, []]));
  for (let round = 0; round < WARM_UP + rounds; round++) {
    const order = [...samples.keys()].sort(() => Math.random() - 0.5);
    for (const who of order) {
      let ms: number;
      if (who === 'lit') {
        const start = performance.now();
        await lit.pkpSign({
          sessionSigs: sessionSigs as never,
          toSign: crypto.getRandomValues(new Uint8Array(32)),
          pubKey: pkp.publicKey,
        });
        ms = performance.now() - start;
      } else {
        ms = await timedCall(page, who, request());
      }
      if (round >= WARM_UP) samples.get(who)!.push(ms);
    }
  }

  const litP50 = percentile(samples.get('lit')!, 50);
  console.log(`${method}, ${rounds} rounds after ${WARM_UP} warm-up, p50 / p95:`);
  for (const [who, times] of samples) {
    const p50 = percentile(times, 50);
    const label =
      who === 'lit' ? "Lit's LitNodeClientNodeJs.pkpSign" : dists[Number(who.split('.')[2])];
    console.log(
      `  ${p50.toFixed(2)} / ${percentile(times, 95).toFixed(2)} ms  ${(p50 / litP50).toFixed(3)}×  ${label}`,
    );
  }
} finally {
  await lit.disconnect();
  await context.close();
  await devnet.stop();
  await demo.close();
  temp.remove();
  for (const dir of [profile, ...copies]) rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
