// executeJs on the devnet (3 nodes, each its own process): p50/p95 of a small Lit Action through
// src/client, against Lit's own client running the same action against the same devnet.
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { percentile, type AnyFigure } from './lib';
import { discoverNetwork } from '../src/client/discover';
import { executeJs } from '../src/client/execute-js';
import { createWalletAuthSig } from '../src/protocol/auth-sig';
import { privateKeySigner } from '../src/protocol/ethereum';
import { generateSessionKey } from '../src/protocol/session-key';
import { createSessionCapabilityMessage, createSessionSigs } from '../src/protocol/session-sigs';

import { startTestDevnet } from '../src/devnet/test-support';
import { useNodeSpeedups } from '../src/client/node-speedups';

const ROUNDS = 30;
const WARM_UP = 3;
const EXECUTION = {
  resource: { resource: '*', resourcePrefix: 'lit-litaction' },
  ability: 'lit-action-execution',
};
const CODE = `(async () => {
  console.log('sum', a + b);
  Lit.Actions.setResponse({ response: JSON.stringify({ sum: a + b }) });
})();`;

export default async (): Promise<AnyFigure[]> => {
  // src/client as a Node program uses it: node:http transport, libsecp256k1 checks.
  useNodeSpeedups();
  const { temp, devnet } = await startTestDevnet({ prefix: 'devnet-exec-bench-', processes: true });
  const lit = new LitNodeClientNodeJs({
    litNetwork: 'custom',
    rpcUrl: devnet.rpcUrl,
    debug: false,
  });
  try {
    await lit.connect();
    const network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
    const user = privateKeySigner(crypto.getRandomValues(new Uint8Array(32)));
    const sessionKey = generateSessionKey();
    const capability = await createWalletAuthSig({
      signer: user,
      message: createSessionCapabilityMessage({
        walletAddress: await user.getAddress(),
        nonce: network.latestBlockhash,
        sessionPublicKey: sessionKey.publicKey,
        resources: [EXECUTION],
        expiration: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    // One set of session sigs for both clients: the bench compares the executeJs round trip.
    const sessionSigs = await createSessionSigs({
      sessionKey,
      capabilities: [capability],
      resourceAbilityRequests: [EXECUTION],
      nodeUrls: devnet.nodeUrls,
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < ROUNDS + WARM_UP; round++) {
      const jsParams = { a: round, b: 1 };
      let t = performance.now();
      const a = await executeJs(network, { sessionSigs, code: CODE, jsParams });
      const oursMs = performance.now() - t;
      t = performance.now();
      const b = await lit.executeJs({ sessionSigs, code: CODE, jsParams });
      const theirsMs = performance.now() - t;
      if (a.response !== b.response) throw new Error('the two clients got different responses');
      if (round >= WARM_UP) {
        ours.push(oursMs);
        theirs.push(theirsMs);
      }
    }
    return [
      {
        name: 'executeJs, setResponse + console.log, 3 node processes, src/client',
        p50Ms: percentile(ours, 50),
        p95Ms: percentile(ours, 95),
        baseline: {
          name: "Lit's LitNodeClientNodeJs.executeJs",
          p50Ms: percentile(theirs, 50),
          p95Ms: percentile(theirs, 95),
        },
      },
    ];
  } finally {
    await lit.disconnect();
    await devnet.stop();
    temp.remove();
  }
};
