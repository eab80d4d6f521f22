// Set-up shared by `npm start` and `npm test`: everything a fresh Debian machine with only
// Node 20 and npm lacks. Plain Node, no dependencies: it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

/** Runs a command with inherited stdio; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`${command}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const installed = 'node_modules/.package-lock.json';
  if (
    existsSync(installed) &&
    statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs
  ) {
    return;
  }
  console.log('setup: installing dependencies (npm ci)…');
  // --prefer-offline: the lockfile pins every version, so a tarball already in npm's cache is used
  // without asking the registry again (~10 s of a ~110 s install here; most of the rest is
  // compiling better-sqlite3's sqlite3.c, which no flag shortens).
  if (run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']) !== 0) {
    console.error('setup: npm ci failed');
    process.exit(1);
  }
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

/**
 * Returns the path of Debian's Chromium (or CHROMIUM_PATH), installing the `chromium` package
 * with apt when it is absent and we are root; otherwise stops with one clear line.
 */
export function ensureChromium() {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (existsSync(override)) return override;
    console.error(`setup: CHROMIUM_PATH=${override} does not exist`);
    process.exit(1);
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error(
      'setup: Chromium is missing: install the Debian package "chromium" (sudo apt-get install -y chromium) or set CHROMIUM_PATH',
    );
    process.exit(1);
  }
  console.log("setup: installing Debian's chromium (apt-get, about a minute)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update', '-qq'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0
  ) {
    console.error('setup: apt-get could not install the "chromium" package');
    process.exit(1);
  }
  const installed = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!installed) {
    console.error('setup: the "chromium" package installed but no chromium binary was found');
    process.exit(1);
  }
  return installed;
}
