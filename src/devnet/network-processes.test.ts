// --processes: each node is its own OS process, so killing one is a real fault.
import { afterEach, describe, expect, it } from 'vitest';
import { nodeDbPath } from './data-dir';
import { startDevnet, type Devnet } from './network';
import { pickFreePorts } from './ports';
import { openDatabase } from './state/sqlite';
import { tempDataDir } from './test-support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const handshake = (url: string) =>
  fetch(`${url}/web/handshake/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'lit_proc' },
    body: JSON.stringify({ clientPublicKey: 'test', challenge: 'cd'.repeat(32), epoch: 1 }),
    signal: AbortSignal.timeout(5000),
  }).then((r) => r.json() as Promise<{ networkPublicKey: string }>);

describe('startDevnet with processes', () => {
  it('survives a node killed with SIGKILL, and restarts it', async () => {
    const temp = tempDataDir();
    cleanups.push(() => temp.remove());
    const events: string[] = [];
    const devnet: Devnet = await startDevnet({
      dataDir: temp.dir,
      ...(await pickFreePorts(3)),
      nodes: 3,
      threshold: 2,
      processes: true,
      onEvent: (line) => events.push(line),
    });
    cleanups.push(() => devnet.stop());
    for (const url of devnet.nodeUrls) {
      expect((await handshake(url)).networkPublicKey).toBe(devnet.networkPublicKey);
    }
    await devnet.killNode(0);
    await expect(handshake(devnet.nodeUrls[0]!)).rejects.toThrow();
    for (const url of devnet.nodeUrls.slice(1)) {
      expect((await handshake(url)).networkPublicKey).toBe(devnet.networkPublicKey);
    }
    await devnet.restartNode(0);
    expect((await handshake(devnet.nodeUrls[0]!)).networkPublicKey).toBe(devnet.networkPublicKey);
    // killNode is a requested fault, not a surprise.
    expect(events).toEqual([]);
  });

  it("reports a node process's startup failure clearly and starts nothing", async () => {
    const temp = tempDataDir();
    cleanups.push(() => temp.remove());
    const ports = await pickFreePorts(3);
    await (await startDevnet({ dataDir: temp.dir, ...ports, nodes: 3, threshold: 2 })).stop();
    const db = openDatabase(nodeDbPath(temp.dir, 2));
    db.prepare('UPDATE node_identity SET network_id = ?').run('00'.repeat(32));
    db.close();
    const error = await startDevnet({ dataDir: temp.dir, ...ports, processes: true }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      'node 2 failed to start: node-2.sqlite belongs to another network or node',
    );
    // Everything it started was stopped: the ports are free again.
    const fresh = tempDataDir();
    cleanups.push(() => fresh.remove());
    const again = await startDevnet({ dataDir: fresh.dir, ...ports, nodes: 3, threshold: 2 });
    await again.stop();
  });
});
