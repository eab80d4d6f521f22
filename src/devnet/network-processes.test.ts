// --processes: each node is its own OS process, so killing one is a real fault.
import { afterEach, describe, expect, it } from 'vitest';
import { discoverNetwork } from '../client/discover';
import { pkpSign } from '../client/pkp-sign';
import { createWalletAuthSig } from '../protocol/auth-sig';
import { privateKeySigner, recoverAddress } from '../protocol/ethereum';
import { generateSessionKey } from '../protocol/session-key';
import { createSessionSigs } from '../protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
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

  it('signs with a PKP: node processes get presignature shares over IPC from the dealer', async () => {
    const temp = tempDataDir();
    cleanups.push(() => temp.remove());
    const devnet = await startDevnet({
      dataDir: temp.dir,
      ...(await pickFreePorts(3)),
      nodes: 3,
      threshold: 2,
      processes: true,
    });
    cleanups.push(() => devnet.stop());
    const user = privateKeySigner(crypto.getRandomValues(new Uint8Array(32)));
    const address = await user.getAddress();
    const mint = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ permittedAddresses: [address] }),
    });
    const pkp = (await mint.json()) as { publicKey: string; ethAddress: string };
    const network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
    const sessionKey = generateSessionKey();
    const request = {
      resource: { resource: '*', resourcePrefix: 'lit-pkp' },
      ability: 'pkp-signing',
    };
    const sessionSigs = await createSessionSigs({
      sessionKey,
      capabilities: [
        await createWalletAuthSig({
          signer: user,
          message: createSiweMessageWithRecaps({
            walletAddress: address,
            nonce: network.latestBlockhash,
            uri: `lit:session:${sessionKey.publicKey}`,
            resources: [request],
          }),
        }),
      ],
      resourceAbilityRequests: [request],
      nodeUrls: network.nodeUrls,
    });
    const sign = async () => {
      const toSign = crypto.getRandomValues(new Uint8Array(32));
      const sig = await pkpSign(network, { sessionSigs, toSign, pubKey: pkp.publicKey });
      expect(recoverAddress(toSign, sig.signature)).toBe(pkp.ethAddress);
    };
    for (let i = 0; i < 10; i++) await sign();
    // A SIGKILLed node process is a real fault; the others keep getting their shares.
    await devnet.killNode(0);
    for (let i = 0; i < 5; i++) await sign();
  });
});
