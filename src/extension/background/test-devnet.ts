// A real devnet for the worker's unit tests, run the way a user runs it (`npm run devnet`, a
// child process): the extension may not import src/devnet, and the worker only ever talks to the
// devnet over HTTP anyway. Blocks only at start, so tests share one nonce.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY = /^devnet ready: nodes (\S+) threshold (\d+) network key [0-9a-f]{96} rpc (\S+)$/m;

export interface TestDevnet {
  rpcUrl: string;
  nodeUrls: string[];
  threshold: number;
  /** Ends the process (SIGINT, a clean stop) and removes its data dir. */
  stop(): Promise<void>;
}

function startOnce(
  dataDir: string,
  port: number,
  rateLimit: boolean,
): Promise<TestDevnet | 'ports-taken'> {
  const args = ['--data-dir', dataDir, '--port', String(port), '--rpc-port', String(port + 3)];
  args.push('--block-interval', '3600', ...(rateLimit ? ['--rate-limit'] : []));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/devnet/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const ready = READY.exec(stdout);
      if (!ready) return;
      resolve({
        nodeUrls: ready[1]!.split(','),
        threshold: Number(ready[2]),
        rpcUrl: ready[3]!,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGINT');
          await exited;
        },
      });
    });
    void exited.then(() => {
      if (/already in use/.test(stderr)) resolve('ports-taken');
      else reject(new Error(`the devnet exited before it was ready: ${stderr.trim()}`));
    });
  });
}

/** A 3-node, threshold-2 devnet on free loopback ports in a temp dir. */
export async function spawnTestDevnet(options: { rateLimit?: boolean } = {}): Promise<TestDevnet> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'worker-devnet-'));
    const remove = () => rmSync(dataDir, { recursive: true, force: true });
    // The devnet itself checks every port before genesis; a taken one means another try.
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const started = await startOnce(dataDir, port, options.rateLimit ?? false).catch((e) => {
      remove();
      throw e;
    });
    if (started === 'ports-taken') {
      remove();
      continue;
    }
    return {
      ...started,
      stop: async () => {
        await started.stop();
        remove();
      },
    };
  }
  throw new Error('no free ports for a devnet');
}
