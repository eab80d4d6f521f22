// Interop: Lit's own unmodified SDK (@lit-protocol/lit-node-client-nodejs@7.4.0) on
// `litNetwork: 'custom'` finds the devnet's nodes through the chain stand-in and handshakes.
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from './network';
import { pickFreePorts } from './ports';
import { tempDataDir } from './test-support';

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;

beforeAll(async () => {
  temp = tempDataDir();
  devnet = await startDevnet({
    dataDir: temp.dir,
    ...(await pickFreePorts(3)),
    nodes: 3,
    threshold: 2,
    // No new block mid-test, so the client's latestBlockhash is the status one.
    blockIntervalSeconds: 3600,
  });
});
afterAll(async () => {
  await devnet.stop();
  temp.remove();
});

describe("Lit's LitNodeClientNodeJs against the devnet", () => {
  it('connects and reports the node URLs, threshold, network key and HD roots', async () => {
    const client = new LitNodeClientNodeJs({
      litNetwork: 'custom',
      rpcUrl: devnet.rpcUrl,
      debug: false,
    });
    try {
      await client.connect();
      expect(client.ready).toBe(true);
      expect(client.config.bootstrapUrls).toEqual(devnet.nodeUrls);
      expect([...client.connectedNodes].sort()).toEqual([...devnet.nodeUrls].sort());
      expect(client.config.minNodeCount).toBe(2);
      expect(client.networkPubKey).toBe(devnet.networkPublicKey);
      expect(client.networkPubKeySet).toBe(devnet.networkPublicKey);
      expect(client.hdRootPubkeys).toHaveLength(2);
      expect(client.currentEpochNumber).toBe(1);
      const status = (await (await fetch(`${devnet.rpcUrl}/devnet/status`)).json()) as {
        latestBlock: { hash: string };
      };
      expect(client.latestBlockhash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(client.latestBlockhash).toBe(status.latestBlock.hash);
    } finally {
      await client.disconnect();
    }
  });
});
