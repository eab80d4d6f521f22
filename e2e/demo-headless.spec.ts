// `npm start -- --headless`, as a user runs it: the devnet, the demo server and headless Chromium
// with the built extension, every demo step approved in the extension's window (the brokered
// steps' sessions and confirmations too), and the pictures written. It runs the real script as its own process (on free ports and a temporary data dir,
// with dist/ as the suite built it), so what is tested is what the README tells people to run.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickFreePorts } from '../src/devnet/ports';
import { tempDataDir } from '../src/devnet/test-support';

interface Run {
  code: number | null;
  output: string;
}

/** Runs `node scripts/start.mjs ...args` to its end and returns its exit code and output. */
function start(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      output += `\n[test] still running after ${timeoutMs / 1000} s: interrupted`;
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Width and height from a PNG's IHDR chunk, after checking its signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('npm start -- --headless runs every demo step and writes the pictures', async () => {
  // Two scrypt runs of the built-in account, five sessions approved, two confirmations, four PKP
  // signatures, one action run and one decryption.
  test.setTimeout(300_000);
  const data = tempDataDir('demo-headless-devnet-');
  const out = tempDataDir('demo-headless-out-');
  try {
    const { port } = await pickFreePorts(5);
    const run = await start(
      [
        '--headless',
        '--no-build',
        ...['--data-dir', data.dir, '--out', out.dir],
        ...['--port', String(port), '--rpc-port', String(port + 3)],
        ...['--demo-port', String(port + 4)],
      ],
      260_000,
    );
    expect(run.code, run.output).toBe(0);
    for (const step of ['wallet', 'pkp', 'lit-action']) {
      expect(run.output).toContain(`headless: ${step} step ok:`);
    }
    // The brokered steps: each result checked on the page, and no session sig seen meanwhile
    // (the page did see the 3 × 3 sigs the session steps hand out, so it was listening).
    const brokered = {
      'pkp-sign': /verifyMessage → 0x[0-9a-fA-F]{40} ✓ the PKP/,
      'action-sign': /response "signed".*verifyMessage → 0x[0-9a-fA-F]{40} ✓ the PKP/,
      'encrypt-decrypt': /Decrypted by the nodes for this session's wallet: "My secret note" ✓/,
    };
    for (const [step, result] of Object.entries(brokered)) {
      const line = run.output.split('\n').find((l) => l.startsWith(`headless: ${step} step ok:`));
      expect(line, `${step} succeeded\n${run.output}`).toBeDefined();
      expect(line).toMatch(result);
      expect(line).toMatch(/\| session sigs seen by the page: 0$/);
    }
    // The PKP signature uses step 2's PKP session, whose sigs the page holds: it can sign without
    // asking anyway, so nothing pretends to ask (0 windows); the action needs a session, then its
    // first run confirmed (2); the decryption a session (1).
    expect(run.output).toMatch(/pkp-sign step ok: .*\| windows approved: 0 \|/);
    expect(run.output).toMatch(/action-sign step ok: .*\| windows approved: 2 \|/);
    expect(run.output).toMatch(/encrypt-decrypt step ok: .*\| windows approved: 1 \|/);
    expect(run.output).toContain(
      'headless: Session sigs or keys seen by this page since it loaded: 9 ',
    );
    expect(run.output).toContain('headless: all 6 steps succeeded');
    // The PKP signature step asks nobody (see above): no window, no picture of one.
    expect(existsSync(join(out.dir, 'approval-pkp-sign.png'))).toBe(false);
    for (const picture of [
      'approval-wallet.png',
      'approval-pkp.png',
      'approval-lit-action.png',
      'approval-action-sign.png',
      'approval-action-sign-2.png',
      'approval-encrypt-decrypt.png',
      'popup.png',
      'activity.png',
    ]) {
      const file = join(out.dir, picture);
      expect(existsSync(file), `${picture} was written`).toBe(true);
      const { width, height } = pngSize(file);
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(300);
    }
  } finally {
    data.remove();
    out.remove();
  }
});

test('npm start with a bad flag says so in one line and exits 2', async () => {
  const run = await start(['--headles'], 60_000);
  expect(run.code).toBe(2);
  expect(run.output.trim()).toBe("start: Unknown option '--headles' (see npm start -- --help)");
});
