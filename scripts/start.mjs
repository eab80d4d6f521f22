// `npm start`: set-up, build, start the devnet (the extension's default network) and the demo
// dApp, then open Chromium with the extension loaded when there is a display. Serves until Ctrl-C.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureChromium, ensureDependencies, run } from './setup.mjs';

const DEMO_PORT = 5180;

if (process.argv.length > 2) {
  console.error(`start: takes no arguments (got ${process.argv.slice(2).join(' ')})`);
  process.exit(2);
}

ensureDependencies();
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
  console.error('start: the build failed');
  process.exit(1);
}
const dist = resolve('dist');

const { register } = await import('tsx/esm/api');
register();
const { startDemoServer } = await import('../src/demo/server.ts');
const { startDevnet } = await import('../src/devnet/network.ts');
let devnet;
try {
  // The defaults the extension and `npm run devnet` use: nodes on 7470.., the chain on 8545.
  devnet = await startDevnet({ dataDir: resolve('.devnet'), port: 7470, rpcPort: 8545 });
} catch (e) {
  console.error(`start: cannot start the devnet: ${e.message}`);
  process.exit(1);
}
console.log(
  `devnet ready: nodes ${devnet.nodeUrls.join(',')} threshold ${devnet.threshold} rpc ${devnet.rpcUrl}`,
);
let demo;
try {
  demo = await startDemoServer(DEMO_PORT);
} catch (e) {
  console.error(`start: cannot serve the demo on port ${DEMO_PORT}: ${e.message}`);
  await devnet.stop();
  process.exit(1);
}

let browser = null;
if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  const chromium = ensureChromium();
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
}
console.log('Serving until Ctrl-C.');

const stop = async () => {
  browser?.kill();
  await demo.close();
  await devnet.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
