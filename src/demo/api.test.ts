// The demo server's API against a real devnet: the PKP it prepares permits the wallet and the
// demo's Lit Action, and its node request (a PKP signature) works with each kind of session sigs
// (made here by src/client's session manager, as the extension makes them) and names the nodes'
// refusal otherwise; the demo's signing action signs with that PKP whoever runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { createSessionManager } from '../client/session-manager';
import { ThresholdRequestError } from '../client/threshold-shares';
import { createWalletAuthSig } from '../protocol/auth-sig';
import { executeJs } from '../client/execute-js';
import { eip191Hash, privateKeySigner, recoverAddress } from '../protocol/ethereum';
import { ipfsCidV0 } from '../protocol/ipfs-cid';
import type { SessionSigsMap } from '../protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
import { startDevnet, type Devnet } from '../devnet/network';
import { pickFreePorts } from '../devnet/ports';
import { tempDataDir } from '../devnet/test-support';
import { DEMO_ACTION, SIGNING_ACTION } from './lit-action';
import { startDemoServer, type DemoServer } from './server';

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let network: LitNetwork;
let demo: DemoServer;
const user = privateKeySigner(crypto.getRandomValues(new Uint8Array(32)));
let address: string;

interface Pkp {
  tokenId: string;
  publicKey: string;
  ethAddress: string;
}

async function post(path: string, body: unknown) {
  const response = await fetch(new URL(path, demo.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const pkpSigning = (resource: string) => [
  { resource: { resource, resourcePrefix: 'lit-pkp' as const }, ability: 'pkp-signing' as const },
];

/** A fresh EthWallet auth method of the user (each one authorizes one session key). */
async function authMethods() {
  const authSig = await createWalletAuthSig({
    signer: user,
    message: createSiweMessageWithRecaps({
      walletAddress: address,
      nonce: network.latestBlockhash,
    }),
  });
  return [{ authMethodType: 1, accessToken: JSON.stringify(authSig) }];
}

/** The PKP signed through the demo server with `sigs`, and the signature recovers to it. */
async function expectPkpSigns(pkp: Pkp, sigs: SessionSigsMap) {
  const { status, body } = await post('/api/pkp-sign', {
    pkpPublicKey: pkp.publicKey,
    sessionSigs: sigs,
  });
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.pkpAddress).toBe(pkp.ethAddress);
  expect(body.recoveredAddress).toBe(pkp.ethAddress);
  expect(body.signature).toMatch(/^0x[0-9a-f]{130}$/);
  expect(body.message).toMatch(/^Signed for the Lit Companion demo at /);
}

beforeAll(async () => {
  temp = tempDataDir('demo-api-');
  devnet = await startDevnet({
    dataDir: temp.dir,
    ...(await pickFreePorts(3)),
    nodes: 3,
    threshold: 2,
    blockIntervalSeconds: 3600,
  });
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
  demo = await startDemoServer(0, { rpcUrl: devnet.rpcUrl });
  address = await user.getAddress();
});

afterAll(async () => {
  await demo?.close();
  await devnet?.stop();
  temp?.remove();
});

describe('demo API', () => {
  it('tells the page the network and the Lit Action, whose CID is its code', async () => {
    const response = await fetch(new URL('/api/config', demo.url));
    expect(response.status).toBe(200);
    const config = (await response.json()) as {
      rpcUrl: string;
      nodeUrls: string[];
      threshold: number;
      litAction: { code: string; ipfsId: string; jsParams: unknown };
      signingAction: { code: string; ipfsId: string; sigName: string };
    };
    expect(config).toMatchObject({ rpcUrl: devnet.rpcUrl, threshold: 2 });
    expect([...config.nodeUrls].sort()).toEqual([...devnet.nodeUrls].sort());
    expect(config.litAction.ipfsId).toBe(ipfsCidV0(config.litAction.code));
    expect(config.litAction.jsParams).toEqual({ magicWord: 'open sesame' });
    expect(config.signingAction.ipfsId).toBe(ipfsCidV0(config.signingAction.code));
    expect(config.signingAction.sigName).toBe('demo');
  });

  it('prepares one PKP per wallet, and the PKP signs with every kind of session', async () => {
    const first = await post('/api/pkp', { address: address.toLowerCase() });
    expect(first.status).toBe(200);
    const pkp = first.body as unknown as Pkp & { permits: unknown };
    expect(pkp.permits).toEqual({
      address,
      litAction: DEMO_ACTION.ipfsId,
      signingAction: SIGNING_ACTION.ipfsId,
    });
    expect((await post('/api/pkp', { address })).body).toEqual(first.body);

    const sessions = createSessionManager({ network });
    await expectPkpSigns(
      pkp,
      await sessions.getSessionSigs({ signer: user, resourceAbilityRequests: pkpSigning('*') }),
    );
    await expectPkpSigns(
      pkp,
      await sessions.getPkpSessionSigs({
        pkpPublicKey: pkp.publicKey,
        authMethods: await authMethods(),
        resourceAbilityRequests: pkpSigning(pkp.tokenId),
      }),
    );
    await expectPkpSigns(
      pkp,
      await sessions.getLitActionSessionSigs({
        pkpPublicKey: pkp.publicKey,
        authMethods: await authMethods(),
        litActionCode: DEMO_ACTION.code,
        jsParams: DEMO_ACTION.jsParams,
        resourceAbilityRequests: pkpSigning(pkp.tokenId),
      }),
    );
  });

  it("the demo's Lit Action refuses a session without the magic word, and logs why", async () => {
    const pkp = (await post('/api/pkp', { address })).body as unknown as Pkp;
    const refused = createSessionManager({ network }).getLitActionSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: await authMethods(),
      litActionCode: DEMO_ACTION.code,
      jsParams: { magicWord: 'please' },
      resourceAbilityRequests: pkpSigning(pkp.tokenId),
    });
    const error = (await refused.catch((e: unknown) => e)) as ThresholdRequestError;
    expect(error).toBeInstanceOf(ThresholdRequestError);
    expect(error.errorCode).toBe('NodeLitActionsSessionSigAuthenticationFailed');
    const answer = error.failures[0]!.error.failure as { body: unknown };
    expect(JSON.stringify(answer.body)).toContain('wrong magic word: please');
  });

  it('the signing action signs with the PKP for a wallet the PKP does not permit', async () => {
    const pkp = (await post('/api/pkp', { address })).body as unknown as Pkp;
    // A stranger's wallet: only the action's CID lets it sign with the PKP.
    const stranger = privateKeySigner(crypto.getRandomValues(new Uint8Array(32)));
    const sessionSigs = await createSessionManager({ network }).getSessionSigs({
      signer: stranger,
      resourceAbilityRequests: [
        {
          resource: { resource: SIGNING_ACTION.ipfsId, resourcePrefix: 'lit-litaction' },
          ability: 'lit-action-execution',
        },
      ],
    });
    const digest = eip191Hash('a note from the demo');
    const run = await executeJs(network, {
      sessionSigs,
      code: SIGNING_ACTION.code,
      jsParams: { toSign: Array.from(digest), publicKey: pkp.publicKey },
    });
    expect(run.response).toBe('signed');
    expect(run.logs).toContain('signing 32 bytes with the PKP');
    const signature = run.signatures[SIGNING_ACTION.sigName]!;
    expect(recoverAddress(digest, signature.signature)).toBe(pkp.ethAddress);

    // One more comment makes another CID, which the PKP does not permit: the CID is what counts.
    const other = `${SIGNING_ACTION.code}// another CID\n`;
    const refused = await executeJs(network, {
      sessionSigs: await createSessionManager({ network }).getSessionSigs({
        signer: stranger,
        resourceAbilityRequests: [
          {
            resource: { resource: '*', resourcePrefix: 'lit-litaction' },
            ability: 'lit-action-execution',
          },
        ],
      }),
      code: other,
      jsParams: { toSign: Array.from(digest), publicKey: pkp.publicKey },
    }).catch((e: unknown) => e);
    expect(String(refused)).toContain('NodePKPNotAuthorized');
  });

  it("names the nodes' refusal when the sigs' wallet may not use the PKP", async () => {
    const pkp = (await post('/api/pkp', { address })).body as unknown as Pkp;
    const stranger = privateKeySigner(crypto.getRandomValues(new Uint8Array(32)));
    const sigs = await createSessionManager({ network }).getSessionSigs({
      signer: stranger,
      resourceAbilityRequests: pkpSigning('*'),
    });
    const { status, body } = await post('/api/pkp-sign', {
      pkpPublicKey: pkp.publicKey,
      sessionSigs: sigs,
    });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'nodes_refused', errorCode: 'NodePKPNotAuthorized' });
  });

  it('validates bodies and names the failing field', async () => {
    expect(await post('/api/pkp', { address: '0x1234' })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', message: expect.stringMatching(/^address: /) } },
    });
    expect(await post('/api/pkp', { address, extra: 1 })).toMatchObject({ status: 400 });
    expect(
      await post('/api/pkp-sign', { pkpPublicKey: '0x02abcd', sessionSigs: {} }),
    ).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^pkpPublicKey: /) } },
    });
    const pkp = (await post('/api/pkp', { address })).body as unknown as Pkp;
    expect(
      await post('/api/pkp-sign', { pkpPublicKey: pkp.publicKey, sessionSigs: {} }),
    ).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^sessionSigs: /) } },
    });
    expect(
      await post('/api/pkp-sign', {
        pkpPublicKey: pkp.publicKey,
        sessionSigs: { [devnet.nodeUrls[0]!]: { sig: 'x' } },
      }),
    ).toMatchObject({ status: 400 });
  });
});
