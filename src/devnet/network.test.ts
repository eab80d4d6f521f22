// The devnet in-process over real HTTP: start, faults, restart on the same data dir.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DevnetError } from './errors';
import { openNetwork } from './genesis';
import { startDevnet, type Devnet } from './network';
import { pickFreePorts } from './ports';
import { tempDataDir } from './test-support';

const running: Devnet[] = [];
const temps: ReturnType<typeof tempDataDir>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
  temps.splice(0).forEach((t) => t.remove());
});

async function start(
  dir: string,
  extra: { nodes?: number; threshold?: number } = { nodes: 3, threshold: 2 },
) {
  const ports = await pickFreePorts(extra.nodes ?? 3);
  const devnet = await startDevnet({ dataDir: dir, ...ports, ...extra, blockIntervalSeconds: 1 });
  running.push(devnet);
  return devnet;
}
function temp() {
  const t = tempDataDir();
  temps.push(t);
  return t.dir;
}

const handshake = (url: string) =>
  fetch(`${url}/web/handshake/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientPublicKey: 'test', challenge: 'ab'.repeat(32), epoch: 1 }),
  }).then((r) => r.json() as Promise<{ networkPublicKey: string; latestBlockhash: string }>);

const admin = (rpcUrl: string, path: string, body?: unknown) =>
  fetch(`${rpcUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((r) => r.json());

describe('startDevnet in-process', () => {
  it('serves every node and the chain, with the same keys everywhere', async () => {
    const devnet = await start(temp());
    expect(devnet.nodeUrls).toHaveLength(3);
    expect(devnet.threshold).toBe(2);
    expect(devnet.created).toBe(true);
    const answers = await Promise.all(devnet.nodeUrls.map(handshake));
    for (const a of answers) expect(a.networkPublicKey).toBe(devnet.networkPublicKey);
    const status = await admin(devnet.rpcUrl, '/devnet/status');
    expect(status).toMatchObject({
      nodes: devnet.nodeUrls,
      threshold: 2,
      networkPublicKey: devnet.networkPublicKey,
    });
  });

  it('issues a block every interval and nodes see it', async () => {
    const devnet = await start(temp());
    const before = (await admin(devnet.rpcUrl, '/devnet/status')).latestBlock;
    await new Promise((r) => setTimeout(r, 1300));
    const after = (await admin(devnet.rpcUrl, '/devnet/status')).latestBlock;
    expect(after.number).toBeGreaterThan(before.number);
    // The node's latest block is the chain's: at least as new as the one just read.
    const { latestBlockhash } = await handshake(devnet.nodeUrls[0]!);
    const rpc = await fetch(devnet.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'eth_getBlockByHash',
        params: [latestBlockhash, false],
      }),
    }).then((r) => r.json() as Promise<{ result: { number: string } }>);
    expect(Number(rpc.result.number)).toBeGreaterThanOrEqual(after.number);
  });

  it('killNode takes one node down, the others answer; restartNode brings it back', async () => {
    const devnet = await start(temp());
    await devnet.killNode(1);
    await expect(handshake(devnet.nodeUrls[1]!)).rejects.toThrow();
    await expect(handshake(devnet.nodeUrls[0]!)).resolves.toMatchObject({
      networkPublicKey: devnet.networkPublicKey,
    });
    await devnet.restartNode(1);
    await expect(handshake(devnet.nodeUrls[1]!)).resolves.toMatchObject({
      networkPublicKey: devnet.networkPublicKey,
    });
    await expect(devnet.killNode(3)).rejects.toThrow(RangeError);
  });

  it('restarts on the same dir with the same network key and PKPs', async () => {
    const dir = temp();
    const first = await start(dir);
    const pkp = await admin(first.rpcUrl, '/devnet/pkp/mint', {});
    const credit = await admin(first.rpcUrl, '/devnet/capacity/mint', {
      owner: pkp.ethAddress,
      requestsPerKilosecond: 10,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    await first.stop();
    expect(existsSync(join(dir, 'devnet.lock'))).toBe(false);

    const second = await start(dir, {});
    expect(second.created).toBe(false);
    expect(second.networkPublicKey).toBe(first.networkPublicKey);
    expect(second.threshold).toBe(2);
    expect(second.nodeUrls).toHaveLength(3);
    const again = await admin(second.rpcUrl, '/devnet/pkp/permissions', { tokenId: pkp.tokenId });
    expect(again).toEqual({
      permittedAddresses: [],
      permittedAuthMethods: [],
      permittedActions: [],
    });
    expect((await handshake(second.nodeUrls[2]!)).networkPublicKey).toBe(first.networkPublicKey);
    expect(credit.tokenId).toBe('1');
  });

  it('refuses a different --nodes on an existing dir with one line, and frees the dir', async () => {
    const dir = temp();
    await (await start(dir)).stop();
    const error = await start(dir, { nodes: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevnetError);
    expect((error as Error).message).toMatch(/holds a network of 3 nodes with threshold 2/);
    expect(existsSync(join(dir, 'devnet.lock'))).toBe(false);
  });

  it('without --nodes checks the threshold and ports against the data dir’s node count', async () => {
    const dir = temp();
    openNetwork({ dataDir: dir, nodes: 5, threshold: 4, port: 7470 }).chain.close();
    const { port } = await pickFreePorts(5);
    const flagError = async (extra: { threshold?: number; rpcPort: number }) => {
      const error = await startDevnet({ dataDir: dir, port, ...extra }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DevnetError);
      expect((error as DevnetError).exitCode).toBe(2);
      return (error as Error).message;
    };
    // Before, both were judged against 3 nodes: the first refused, the second a busy port (exit 1).
    expect(await flagError({ rpcPort: port + 4 })).toBe(
      `--rpc-port ${port + 4} overlaps the node ports ${port}-${port + 4} of ${dir}`,
    );
    expect(await flagError({ threshold: 6, rpcPort: port + 5 })).toBe(
      `--threshold 6 is more than the 5 nodes of ${dir}`,
    );
    const devnet = await startDevnet({ dataDir: dir, port, rpcPort: port + 5, threshold: 4 });
    running.push(devnet);
    expect(devnet.nodeUrls).toHaveLength(5);
    expect(devnet.threshold).toBe(4);
  });

  it('without --nodes a new dir has 3: a threshold above it is a flag error before genesis', async () => {
    const dir = temp();
    const ports = await pickFreePorts(3);
    const error = await startDevnet({ dataDir: dir, ...ports, threshold: 4 }).catch((e) => e);
    expect(error).toBeInstanceOf(DevnetError);
    expect((error as DevnetError).exitCode).toBe(2);
    expect((error as Error).message).toBe('--threshold 4 is more than the 3 nodes');
    expect(existsSync(join(dir, 'chain.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'devnet.lock'))).toBe(false);
    // The dir was there before the start (empty), so it stays.
    expect(existsSync(dir)).toBe(true);
  });

  it('a refused start removes the data dir it made, with the parents it made', async () => {
    const base = temp();
    const dir = join(base, 'typo', 'devnet');
    const ports = await pickFreePorts(3);
    const flagError = await startDevnet({ dataDir: dir, ...ports, threshold: 4 }).catch((e) => e);
    expect((flagError as DevnetError).exitCode).toBe(2);
    expect(existsSync(join(base, 'typo'))).toBe(false);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = await startDevnet({ dataDir: dir, port, rpcPort: port + 100 }).catch((e) => e);
      expect((busy as Error).message).toBe(`port ${port} (node 0) is already in use`);
      expect(existsSync(join(base, 'typo'))).toBe(false);
    } finally {
      blocker.close();
    }
    expect(existsSync(base)).toBe(true);
  });

  it('refuses a busy port before genesis, and a dir another devnet is using', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = temp();
    try {
      const error = await startDevnet({
        dataDir: dir,
        port,
        rpcPort: port + 100,
        nodes: 3,
        threshold: 2,
      }).catch((e: unknown) => e);
      expect((error as Error).message).toBe(`port ${port} (node 0) is already in use`);
      expect(existsSync(join(dir, 'chain.sqlite'))).toBe(false);
    } finally {
      blocker.close();
    }
    await start(dir);
    await expect(start(dir)).rejects.toThrow(/is in use by another devnet \(pid \d+;/);
  });
});
