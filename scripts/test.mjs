// `npm test`: set-up, then typecheck, lint, format check and build (at once), unit tests and
// end-to-end tests, ending with one line `tests: N passed, M failed` that sums every suite. Each
// static check (typecheck, lint, format, build) counts as one test.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium, ensureDependencies } from './setup.mjs';

const OUT = '.test-output';
const started = Date.now();
const totals = { passed: 0, failed: 0 };
const lines = [];

function step(name, command, args, env = {}) {
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** Runs one check with its output kept, to print once it is done. */
function quietly(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (e) => resolve({ ok: false, output: Buffer.from(`${e.message}\n`) }));
    child.on('close', (code) => resolve({ ok: code === 0, output: Buffer.concat(output) }));
  });
}

/**
 * Runs independent checks at once (each is single-threaded; two cores halve their ~60 s), then
 * prints each one's output in turn under its name, as if they had run one after the other.
 */
async function checksAtOnce(checks) {
  const results = await Promise.all(checks.map(([, command, args]) => quietly(command, args)));
  return checks.map(([name, command, args], i) => {
    const { ok, output } = results[i];
    console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
    process.stdout.write(output);
    totals[ok ? 'passed' : 'failed']++;
    lines.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
    return ok;
  });
}

/** Adds a suite's counts from its JSON report; a missing report is one failure. */
function suite(name, ok, countsFromReport) {
  let counts;
  try {
    counts = countsFromReport();
  } catch {
    counts = null;
  }
  if (!counts || (counts.passed === 0 && counts.failed === 0)) {
    totals.failed++;
    lines.push(`${name}: FAILED (no report${ok ? ', or no tests ran' : ''})`);
    return;
  }
  // A runner that exits non-zero with every test passing still failed (e.g. an unhandled error).
  if (!ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  lines.push(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

ensureDependencies();
const chromium = ensureChromium();
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const [, , , built] = await checksAtOnce([
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
]);

const unitOk = step('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${OUT}/vitest.json`,
]);
suite('unit', unitOk, () => {
  const r = readJson(`${OUT}/vitest.json`);
  // A skipped test proves nothing, so it counts as a failure.
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + r.numPendingTests + r.numTodoTests,
  };
});

if (built) {
  const e2eOk = step('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_FILE: `${OUT}/playwright.json`,
  });
  suite('e2e', e2eOk, () => {
    const { stats } = readJson(`${OUT}/playwright.json`);
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected + stats.skipped };
  });
} else {
  totals.failed++;
  lines.push('e2e: FAILED (not run: the build failed)');
}

console.log(`\n${lines.join('\n')}`);
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
