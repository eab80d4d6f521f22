// `npm start`: set-up, build, start the devnet (the extension's default network) and the demo
// dApp, then open Chromium with the extension loaded when there is a display. Serves until Ctrl-C.
// `npm start -- --headless` runs the demo's steps in headless Chromium instead, writes pictures
// of the approval window and the popup, and exits 0 only when every step succeeded.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureChromium, ensureDependencies, run } from './setup.mjs';

ensureDependencies();
const { register } = await import('tsx/esm/api');
register();
const { START_USAGE, StartFlagError, parseStartFlags } = await import('./start-flags.ts');

let flags;
try {
  flags = parseStartFlags(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof StartFlagError)) throw e;
  console.error(`start: ${e.message} (see npm start -- --help)`);
  process.exit(2);
}
if (flags.help) {
  console.log(START_USAGE);
  process.exit(0);
}

const dist = resolve('dist');
if (flags.build) {
  if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
    console.error('start: the build failed');
    process.exit(1);
  }
} else if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('start: dist/ has no build: run without --no-build');
  process.exit(1);
}
// Chromium is needed now for --headless, or later when a display exists.
const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const chromium = flags.headless || hasDisplay ? ensureChromium() : null;

const { startDemoServer } = await import('../src/demo/server.ts');
// The demo server's API calls the nodes through src/client: in Node, over node:http.
const { useNodeSpeedups } = await import('../src/client/node-speedups.ts');
useNodeSpeedups();
const { startDevnet } = await import('../src/devnet/network.ts');
let devnet;
try {
  devnet = await startDevnet({
    dataDir: resolve(flags.dataDir),
    port: flags.port,
    rpcPort: flags.rpcPort,
  });
} catch (e) {
  console.error(`start: cannot start the devnet: ${e.message}`);
  process.exit(1);
}
console.log(
  `devnet ready: nodes ${devnet.nodeUrls.join(',')} threshold ${devnet.threshold} rpc ${devnet.rpcUrl}`,
);
let demo;
try {
  // The rpc URL turns on the demo server's API: the PKP for the user's wallet, the node request.
  demo = await startDemoServer(flags.demoPort, { rpcUrl: devnet.rpcUrl });
} catch (e) {
  console.error(`start: cannot serve the demo on port ${flags.demoPort}: ${e.message}`);
  await devnet.stop();
  process.exit(1);
}

let browser = null;
// Ctrl-C stops everything cleanly (the devnet releases its data dir), in both modes.
const stop = async (code) => {
  browser?.kill();
  await demo.close();
  await devnet.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(flags.headless ? 130 : 0));
process.on('SIGTERM', () => void stop(flags.headless ? 143 : 0));

if (flags.headless) {
  process.env.CHROMIUM_PATH = chromium;
  const { runHeadlessDemo } = await import('./demo-headless.ts');
  let code = 1;
  try {
    const outcomes = await runHeadlessDemo({
      demoUrl: demo.url,
      rpcUrl: devnet.rpcUrl,
      outDir: resolve(flags.outDir),
      log: (line) => console.log(line),
    });
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length === 0) {
      console.log(`headless: all ${outcomes.length} steps succeeded; pictures in ${flags.outDir}/`);
      code = 0;
    } else {
      console.error(`headless: FAILED: ${failed.map((o) => `${o.step}: ${o.detail}`).join('; ')}`);
    }
  } catch (e) {
    console.error(`headless: FAILED: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  }
  await stop(code);
}

if (chromium) {
  const args = [
    `--user-data-dir=${resolve('.chromium-profile')}`,
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    demo.url,
  ];
  browser = spawn(chromium, args, { stdio: 'ignore' });
  browser.on('exit', () => (browser = null));
  console.log(`Chromium is open with Lit Companion loaded, on the demo dApp at ${demo.url}`);
} else {
  console.log('No display found, so no browser was opened.');
  console.log(`Load the extension unpacked from: ${dist}`);
  console.log('  (chrome://extensions → Developer mode → Load unpacked)');
  console.log(`Then open the demo dApp:          ${demo.url}`);
  console.log('Or run the demo by itself:        npm start -- --headless');
}
if (devnet.rpcUrl !== 'http://127.0.0.1:8545') {
  console.log(`The extension's default network is 8545: set ${devnet.rpcUrl} in its options page.`);
}
console.log('Serving until Ctrl-C.');
