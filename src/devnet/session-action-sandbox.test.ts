// Regression (review finding 2): the Lit Actions deciding sign_session_key ran on one pool for
// the whole process with no per-caller share, so one PKP looping in session actions on one node
// got every other user's Lit Action session refused (503) on every in-process node. They now run
// on the node's own sandbox under the same per-caller share as executeJs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { ipfsCidV0 } from '../protocol/ipfs-cid';
import { generateSessionKey } from '../protocol/session-key';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
import { MAX_ACTIONS_PER_CALLER } from './node/action-admission';
import { type Devnet } from './network';
import { startTestDevnet, type tempDataDir, postDevnetAdmin } from './test-support';

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let network: LitNetwork;
type Pkp = { tokenId: string; publicKey: string; ethAddress: string };

const admin = <T>(path: string, body: unknown) => postDevnetAdmin<T>(devnet, path, body);

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({ actionTimeoutMs: 4000 }));
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
  temp?.remove();
});

/** One node's answer to a Lit Action session for `pkp` decided by `code`. */
async function actionSession(pkp: Pkp, code: string, url: string) {
  const sessionKey = generateSessionKey();
  const siweMessage = createSiweMessageWithRecaps({
    walletAddress: pkp.ethAddress,
    nonce: network.latestBlockhash,
    uri: `lit:session:${sessionKey.publicKey}`,
    expiration: new Date(Date.now() + 600_000).toISOString(),
    resources: [{ resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' }],
  });
  const response = await fetch(`${url}/web/sign_session_key/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sessionKey: `lit:session:${sessionKey.publicKey}`,
      authMethods: [],
      pkpPublicKey: pkp.publicKey,
      siweMessage,
      curveType: 'BLS',
      code: Buffer.from(code).toString('base64'),
      epoch: 1,
    }),
  });
  const body = (await response.json()) as { errorCode?: string };
  return { status: response.status, errorCode: body.errorCode };
}

it("keeps one caller's looping session actions to its share of the node it sent them to", async () => {
  const spin = 'while (true) {}';
  const allow = 'Lit.Actions.setResponse({ response: "true" })';
  const looper = await admin<Pkp>('/devnet/pkp/mint', { permittedActions: [ipfsCidV0(spin)] });
  const user = await admin<Pkp>('/devnet/pkp/mint', { permittedActions: [ipfsCidV0(allow)] });
  const [node0, node1] = devnet.nodeUrls;

  const extra = 8;
  const flood = Array.from({ length: MAX_ACTIONS_PER_CALLER + extra }, () =>
    actionSession(looper, spin, node0!),
  );
  await new Promise((r) => setTimeout(r, 300)); // the flood holds node 0's workers and queue
  const during = await actionSession(user, allow, node1!);
  const answers = await Promise.all(flood);

  // Another node's sandbox is its own: the user's session there is decided at once.
  expect(during).toEqual({ status: 200, errorCode: undefined });
  // Past its share the looper is told to wait, as executeJs tells it.
  const tooMany = answers.filter((a) => a.status === 429);
  expect(tooMany).toHaveLength(extra);
  expect(new Set(tooMany.map((a) => a.errorCode))).toEqual(new Set(['NodeJsTooManyActions']));
  // Its admitted actions ran out of time or waited too long for a worker; none was signed.
  expect(answers.filter((a) => a.status === 200)).toEqual([]);
}, 120_000);
