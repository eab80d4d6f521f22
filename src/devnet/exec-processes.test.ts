// runOnce with every node in its own OS process: the leader's result reaches the others over the
// node-to-node channel (loopback HTTP, signed), as it does between in-process nodes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWalletAuthSig } from '../protocol/auth-sig';
import { privateKeySigner } from '../protocol/ethereum';
import { generateSessionKey } from '../protocol/session-key';
import { createSessionCapabilityMessage, createSessionSigs } from '../protocol/session-sigs';
import { discoverNetwork } from '../client/discover';
import { executeJs } from '../client/execute-js';
import { type Devnet } from './network';
import type { tempDataDir } from './test-support';
import { startTestDevnet } from './test-support';

const EXECUTION = {
  resource: { resource: '*', resourcePrefix: 'lit-litaction' },
  ability: 'lit-action-execution',
} as const;

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({ prefix: 'devnet-exec-proc-', processes: true }));
}, 90_000);

afterAll(async () => {
  await devnet?.stop();
  temp?.remove();
});

it('runOnce runs once across three node processes', async () => {
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
    }),
  });
  const sessionSigs = await createSessionSigs({
    sessionKey,
    capabilities: [capability],
    resourceAbilityRequests: [EXECUTION],
    nodeUrls: devnet.nodeUrls,
  });
  const result = await executeJs(network, {
    sessionSigs,
    code: `(async () => {
      const v = await Lit.Actions.runOnce({ waitForResponse: true, name: 'r' }, async () => {
        console.log('leader');
        return String(Math.random());
      });
      Lit.Actions.setResponse({ response: v });
    })();`,
  });
  // executeJs only returns when every answering node has the same response and logs.
  expect(result.nodes).toHaveLength(3);
  expect(Number(result.response)).toBeGreaterThanOrEqual(0);
  expect(result.logs).toBe('leader');
}, 60_000);
