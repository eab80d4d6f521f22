// The command line as a person runs it: a real `node --import tsx src/devnet/cli.ts` process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openNetwork } from './genesis';
import { pickFreePorts } from './ports';
import { tempDataDir } from './test-support';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const temps: ReturnType<typeof tempDataDir>[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.remove()));

// Absolute, so the CLI also starts from another working directory than the project root.
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CLI = join(ROOT, 'src/devnet/cli.ts');

function runCli(args: string[], cwd = ROOT) {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = stdout.split('\n').find((l) => re.test(l));
        if (match) resolve(match);
      };
      child.stdout.on('data', check);
      exit.then(() => reject(new Error(`exited before ready; stderr: ${stderr}`)));
    });
  return { child, exit, line, output: () => ({ stdout, stderr }) };
}

describe('npm run devnet (cli.ts)', () => {
  it('prints one ready line, then stops cleanly on SIGINT with exit 0', async () => {
    const temp = tempDataDir();
    temps.push(temp);
    const { port, rpcPort } = await pickFreePorts(3);
    const cli = runCli([
      '--data-dir',
      temp.dir,
      '--port',
      String(port),
      '--rpc-port',
      String(rpcPort),
    ]);
    const ready = await cli.line(/^devnet ready:/);
    const urls = [0, 1, 2].map((i) => `http://127.0.0.1:${port + i}`).join(',');
    expect(ready).toMatch(
      new RegExp(
        `^devnet ready: nodes ${urls} threshold 2 network key [0-9a-f]{96} rpc http://127\\.0\\.0\\.1:${rpcPort}$`,
      ),
    );
    const status = await fetch(`http://127.0.0.1:${rpcPort}/devnet/status`).then((r) => r.json());
    expect(ready).toContain(status.networkPublicKey);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
    expect(cli.output().stderr).toBe('');
    expect(existsSync(join(temp.dir, 'devnet.lock'))).toBe(false);
    // The ports are released.
    await expect(fetch(`http://127.0.0.1:${rpcPort}/devnet/status`)).rejects.toThrow();
  });

  it('--processes with a relative --data-dir works from any working directory', async () => {
    const cwd = tempDataDir('devnet-cwd-');
    temps.push(cwd);
    const { port, rpcPort } = await pickFreePorts(2);
    const cli = runCli(
      [
        '--data-dir',
        'rel',
        '--processes',
        '--nodes',
        '2',
        '--port',
        String(port),
        '--rpc-port',
        String(rpcPort),
      ],
      cwd.dir,
    );
    await cli.line(/^devnet ready:/);
    // The nodes opened the dir the parent made, relative to the parent's working directory.
    expect(existsSync(join(cwd.dir, 'rel', 'chain.sqlite'))).toBe(true);
    expect(existsSync(join(ROOT, 'rel'))).toBe(false);
    const status = await fetch(`http://127.0.0.1:${port + 1}/web/handshake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientPublicKey: 'test', challenge: 'ab'.repeat(32), epoch: 1 }),
    });
    expect(status.status).toBe(200);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
  }, 60_000);

  it('a port already in use: non-zero exit and one line', async () => {
    const temp = tempDataDir();
    temps.push(temp);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as { port: number }).port;
    try {
      const { port } = await pickFreePorts(3);
      const cli = runCli([
        '--data-dir',
        temp.dir,
        '--port',
        String(port),
        '--rpc-port',
        String(busy),
      ]);
      expect(await cli.exit).toBe(1);
      expect(cli.output().stderr).toBe(`devnet: port ${busy} (rpc) is already in use\n`);
      expect(cli.output().stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('a bad flag: exit 2 and one line', async () => {
    const cli = runCli(['--nodes', '3', '--threshold', '5']);
    expect(await cli.exit).toBe(2);
    expect(cli.output().stderr).toBe('devnet: --threshold 5 is more than the 3 nodes\n');
  });

  it('without --nodes, flags are checked against the data dir’s nodes: exit 2 and one line', async () => {
    const temp = tempDataDir();
    temps.push(temp);
    openNetwork({ dataDir: temp.dir, nodes: 5, threshold: 4, port: 7470 }).chain.close();
    const { port } = await pickFreePorts(5);
    const args = ['--data-dir', temp.dir, '--threshold', '4', '--port', String(port)];
    const cli = runCli([...args, '--rpc-port', String(port + 4)]);
    expect(await cli.exit).toBe(2);
    expect(cli.output().stderr).toBe(
      `devnet: --rpc-port ${port + 4} overlaps the node ports ${port}-${port + 4} of ${temp.dir}\n`,
    );
  });
});
