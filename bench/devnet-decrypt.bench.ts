// Decryption of a 1 KB message under a `:userAddress` condition with 3 nodes (each its own
// process): p50/p95 through src/client against Lit's own client decrypting the same ciphertext
// with the same session sigs against the same devnet, interleaved round by round (goal: ours ≤
// 0.7 of Lit's).
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { percentile, type AnyFigure, withoutConsoleLog } from './lib';
import { decrypt } from '../src/client/decrypt';
import { discoverNetwork } from '../src/client/discover';
import { encrypt } from '../src/client/encrypt';
import { equalBytes } from '../src/protocol/bytes';
import { privateKeySigner } from '../src/protocol/ethereum';
import { DECRYPTION, userIs, walletSessionSigs } from '../src/devnet/access-control.fixtures';
import { useFastBls } from '../src/devnet/fast-bls';

import { startTestDevnet } from '../src/devnet/test-support';
import { useNodeSpeedups } from '../src/client/node-speedups';

const ROUNDS = 40;

export default async (): Promise<AnyFigure[]> => {
  // src/client as a Node program uses it: node:http transport, libsecp256k1 checks.
  useNodeSpeedups();
  // Node users of src/client inject the native BLS backend, as the devnet's nodes do.
  useFastBls();
  const { temp, devnet } = await startTestDevnet({
    prefix: 'devnet-decrypt-bench-',
    processes: true,
  });
  const lit = new LitNodeClientNodeJs({
    litNetwork: 'custom',
    rpcUrl: devnet.rpcUrl,
    debug: false,
  });
  try {
    await lit.connect();
    const network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
    const user = privateKeySigner(crypto.getRandomValues(new Uint8Array(32)));
    const userAddress = await user.getAddress();
    const sessionSigs = await walletSessionSigs(user, {
      nonce: network.latestBlockhash,
      nodeUrls: network.nodeUrls,
      resources: DECRYPTION,
      expiresInMs: 3_600_000,
    });
    const accessControlConditions = [userIs(userAddress)];
    const message = crypto.getRandomValues(new Uint8Array(1024));
    const sealed = encrypt(network, { data: message, accessControlConditions });

    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < ROUNDS + 3; round++) {
      let t = performance.now();
      const mine = await decrypt(network, { ...sealed, accessControlConditions, sessionSigs });
      const oursMs = performance.now() - t;
      t = performance.now();
      const { decryptedData } = await withoutConsoleLog(() =>
        lit.decrypt({
          ...sealed,
          accessControlConditions,
          chain: 'ethereum',
          sessionSigs,
        } as never),
      );
      const theirsMs = performance.now() - t;
      if (!equalBytes(mine.plaintext, message) || !equalBytes(decryptedData, message)) {
        throw new Error('bench: a client decrypted something else');
      }
      // The first rounds warm both clients (and the nodes' capability caches) up.
      if (round >= 3) {
        ours.push(oursMs);
        theirs.push(theirsMs);
      }
    }
    return [
      {
        name: 'decrypt 1 KB, :userAddress condition, 3 node processes, src/client',
        p50Ms: percentile(ours, 50),
        p95Ms: percentile(ours, 95),
        baseline: {
          name: "Lit's LitNodeClientNodeJs.decrypt",
          p50Ms: percentile(theirs, 50),
          p95Ms: percentile(theirs, 95),
        },
        maxP50Ratio: 0.7,
      },
    ];
  } finally {
    await lit.disconnect();
    await devnet.stop();
    temp.remove();
  }
};
