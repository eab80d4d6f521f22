// Interop: Lit's unmodified SDK gets PKP and Lit Action sessions from the devnet, our own client
// does the same, and a revoked session key stops working on every node.
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { LitPKPResource, createSiweMessage, generateAuthSig } from '@lit-protocol/auth-helpers';
import { LIT_ABILITY } from '@lit-protocol/constants';
import { ethers } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionDigest, verifyBlsSignature } from '../protocol/bls';
import { fromHex } from '../protocol/bytes';
import { exportLitSessionKey, generateSessionKey } from '../protocol/session-key';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
import { createWalletAuthSig } from '../protocol/auth-sig';
import { privateKeySigner } from '../protocol/ethereum';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { SignSessionKeyError, signSessionKey } from '../client/sign-session-key';
import { revokeSessionOnNodes } from '../client/revoke-session';
import { ethWalletAuthMethodId } from './node/pkp-permissions';
import { type Devnet } from './network';
import type { tempDataDir } from './test-support';
import { startTestDevnet, postDevnetAdmin } from './test-support';

const ALLOW = `(async () => { Lit.Actions.setResponse({ response: "true" }); })();`;
const DENY = `(async () => { Lit.Actions.setResponse({ response: "false" }); })();`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const pkpSigning = [{ resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning }];

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let client: LitNodeClientNodeJs;
const wallet = ethers.Wallet.createRandom();
let pkp: { tokenId: string; publicKey: string; ethAddress: string };

const admin = <T>(path: string, body: unknown) => postDevnetAdmin<T>(devnet, path, body);

/** An EthWallet auth method made with Lit's own helpers. */
async function litAuthMethod() {
  const toSign = await createSiweMessage({
    walletAddress: wallet.address,
    nonce: await client.getLatestBlockhash(),
    expiration: new Date(Date.now() + 600_000).toISOString(),
    litNodeClient: client,
  });
  const authSig = await generateAuthSig({ signer: wallet, toSign });
  return { authMethodType: 1, accessToken: JSON.stringify(authSig) };
}

const nodeRequest = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet());
  pkp = await admin('/devnet/pkp/mint', {
    permittedAuthMethods: [
      { authMethodType: 1, authMethodId: ethWalletAuthMethodId(wallet.address), scopes: [2] },
    ],
    permittedActions: [
      (await import('../protocol/ipfs-cid')).ipfsCidV0(ALLOW),
      (await import('../protocol/ipfs-cid')).ipfsCidV0(DENY),
    ],
  });
  client = new LitNodeClientNodeJs({ litNetwork: 'custom', rpcUrl: devnet.rpcUrl, debug: false });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.disconnect();
  await devnet?.stop();
  temp?.remove();
});

describe("Lit's SDK against the devnet", () => {
  it('getPkpSessionSigs returns sigs for every node whose lit.bls capability verifies', async () => {
    const sessionSigs = await client.getPkpSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: [await litAuthMethod()],
      resourceAbilityRequests: pkpSigning,
      expiration: new Date(Date.now() + 600_000).toISOString(),
    });
    expect(Object.keys(sessionSigs).sort()).toEqual([...devnet.nodeUrls].sort());
    const signed = JSON.parse(sessionSigs[devnet.nodeUrls[0]!]!.signedMessage) as {
      capabilities: { sig: string; derivedVia: string; signedMessage: string; address: string }[];
    };
    const capability = signed.capabilities.at(-1)!;
    expect(capability.derivedVia).toBe('lit.bls');
    expect(capability.address).toBe(pkp.ethAddress);
    const { ProofOfPossession } = JSON.parse(capability.sig) as { ProofOfPossession: string };
    expect(
      verifyBlsSignature(
        fromHex(devnet.networkPublicKey),
        sessionDigest(capability.signedMessage),
        fromHex(ProofOfPossession),
      ),
    ).toBe(true);
    // Each node accepts its own sig for the capability it grants.
    for (const url of devnet.nodeUrls) {
      const answer = await nodeRequest(url, '/web/session/verify/v1', {
        authSig: sessionSigs[url],
        resourceAbilityRequest: {
          resource: { resource: pkp.tokenId, resourcePrefix: 'lit-pkp' },
          ability: 'pkp-signing',
        },
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({
        capabilityKind: 'network',
        address: pkp.ethAddress,
      });
    }
  });

  it('getLitActionSessionSigs works when the action says true, and fails when it says false', async () => {
    const sessionSigs = await client.getLitActionSessionSigs({
      pkpPublicKey: pkp.publicKey,
      litActionCode: b64(ALLOW),
      jsParams: { anything: 1 },
      resourceAbilityRequests: pkpSigning,
    });
    expect(Object.keys(sessionSigs)).toHaveLength(3);
    const refused = await client
      .getLitActionSessionSigs({
        pkpPublicKey: pkp.publicKey,
        litActionCode: b64(DENY),
        jsParams: {},
        resourceAbilityRequests: pkpSigning,
      })
      .then(
        () => 'resolved',
        (e: unknown) => String((e as { message?: string }).message) + JSON.stringify(e),
      );
    expect(refused).toContain('NodeLitActionsSessionSigAuthenticationFailed');
  });
});

describe('our client against the devnet', () => {
  async function ourSession(network?: LitNetwork, sessionKey = generateSessionKey()) {
    network ??= await discoverNetwork({ rpcUrl: devnet.rpcUrl });
    const user = privateKeySigner(fromHex(wallet.privateKey));
    const authSig = await createWalletAuthSig({
      signer: user,
      message: createSiweMessageWithRecaps({
        walletAddress: wallet.address,
        nonce: network.latestBlockhash,
      }),
    });
    const siweMessage = createSiweMessageWithRecaps({
      walletAddress: pkp.ethAddress,
      nonce: network.latestBlockhash,
      uri: `lit:session:${sessionKey.publicKey}`,
      statement: 'Lit Protocol PKP session signature',
      expiration: new Date(Date.now() + 600_000).toISOString(),
      resources: [
        { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      ],
    });
    const result = await signSessionKey(network, {
      sessionPublicKey: sessionKey.publicKey,
      authMethods: [{ authMethodType: 1, accessToken: JSON.stringify(authSig) }],
      pkpPublicKey: pkp.publicKey,
      siweMessage,
      timeoutMs: 5_000,
    });
    return { network, result, sessionKey };
  }

  it('discovers the nodes and gets a verified lit.bls capability from a threshold of them', async () => {
    const { network, result } = await ourSession();
    expect(network.nodeUrls.sort()).toEqual([...devnet.nodeUrls].sort());
    expect(network.threshold).toBe(2);
    expect(result.signers).toHaveLength(2);
    expect(result.authSig.address).toBe(pkp.ethAddress);
  });

  it('revoking a session key makes every node refuse its sigs', async () => {
    const sessionKey = generateSessionKey();
    const sessionSigs = await client.getPkpSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: [await litAuthMethod()],
      resourceAbilityRequests: pkpSigning,
      sessionKey: exportLitSessionKey(sessionKey),
    } as Parameters<LitNodeClientNodeJs['getPkpSessionSigs']>[0]);
    const verify = (url: string) =>
      nodeRequest(url, '/web/session/verify/v1', {
        authSig: sessionSigs[url],
        resourceAbilityRequest: {
          resource: { resource: '*', resourcePrefix: 'lit-pkp' },
          ability: 'pkp-signing',
        },
      });
    expect((await verify(devnet.nodeUrls[1]!)).status).toBe(200);
    const revoked = await revokeSessionOnNodes(devnet.nodeUrls, sessionKey);
    expect(revoked.revokedOn.sort()).toEqual([...devnet.nodeUrls].sort());
    for (const url of devnet.nodeUrls) {
      const answer = await verify(url);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ errorCode: 'NodeSessionKeyRevoked' });
    }
  });

  it('with one node down sessions are still issued; with two, one clear error within the timeout', async () => {
    const network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
    // Node 0 is one of the two the client asks first: its failure sends the request to node 2.
    await devnet.killNode(0);
    try {
      const { result } = await ourSession(network);
      expect(result.signers.sort()).toEqual([devnet.nodeUrls[1], devnet.nodeUrls[2]].sort());
      expect(result.failures.map((f) => f.url)).toEqual([devnet.nodeUrls[0]]);
      await devnet.killNode(1);
      const started = Date.now();
      const error = await ourSession(network).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(5_000 + 1_000);
      expect(error).toBeInstanceOf(SignSessionKeyError);
      expect((error as Error).message).toMatch(
        /^sign_session_key: 1 of 3 nodes answered with a share, 2 valid shares needed/,
      );
      expect((error as SignSessionKeyError).failures.map((f) => f.url).sort()).toEqual(
        [devnet.nodeUrls[0], devnet.nodeUrls[1]].sort(),
      );
    } finally {
      await devnet.restartNode(0).catch(() => undefined);
      await devnet.restartNode(1).catch(() => undefined);
    }
    // Restarted nodes serve the same network and PKPs.
    const { result } = await ourSession();
    expect(result.authSig.address).toBe(pkp.ethAddress);
  });
});
