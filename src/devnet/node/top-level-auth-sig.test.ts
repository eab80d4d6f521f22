// A session's capability (SIWE URI `lit:session:<key>`) travels inside the session sigs, where
// whoever holds the sigs can read it; a capacity delegation (`lit:capability:delegation`) too.
// Neither is a login: every place that takes a wallet AuthSig as top-level auth refuses them as
// Lit's nodes do (401 NodeInvalidAuthSig, "Invalid URI for top level auth sig"), while a wallet's
// login AuthSig keeps working in the same places.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCapacityDelegationAuthSig,
  createWalletAuthSig,
  type AuthSig,
} from '../../protocol/auth-sig';
import { ethWalletAuthMethodId } from '../../protocol/auth-method';
import { privateKeySigner } from '../../protocol/ethereum';
import type { LitResourceAbilityRequest } from '../../protocol/resources';
import { generateSessionKey } from '../../protocol/session-key';
import type { SessionSigsMap } from '../../protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import { discoverNetwork, type LitNetwork } from '../../client/discover';
import { encrypt } from '../../client/encrypt';
import { executeJs } from '../../client/execute-js';
import { DECRYPTION, userIs, walletSessionSigs } from '../access-control.fixtures';
import type { Devnet } from '../network';
import { startTestDevnet, type tempDataDir } from '../test-support';

const PKP_SIGNING: LitResourceAbilityRequest = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' },
  ability: 'pkp-signing',
};
const EXECUTION: LitResourceAbilityRequest = {
  resource: { resource: '*', resourcePrefix: 'lit-litaction' },
  ability: 'lit-action-execution',
};
const REFUSED =
  /^validation error: Invalid URI for top level auth sig: lit:(session:[0-9a-f]{64}|capability:delegation)$/;

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let network: LitNetwork;
const victim = privateKeySigner(Uint8Array.from({ length: 32 }, (_, i) => 90 + i));
const attacker = privateKeySigner(Uint8Array.from({ length: 32 }, (_, i) => 140 + i));
let victimAddress: string;

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Lit's answer to a refused top-level AuthSig: 401, NodeInvalidAuthSig, the URI named. */
function expectRefused(answer: Awaited<ReturnType<typeof post>>, why: string) {
  expect(answer.status, why).toBe(401);
  expect(answer.json, why).toMatchObject({
    errorCode: 'NodeInvalidAuthSig',
    errorKind: 'Validation',
  });
  expect((answer.json.details as string[])[0], why).toMatch(REFUSED);
  expect(answer.json, why).not.toHaveProperty('signatureShare');
  expect(answer.json, why).not.toHaveProperty('signature');
}

/** The wallet-signed capability inside a session of `victim` granting only `resources`. */
async function liftedCapability(resources: LitResourceAbilityRequest[]): Promise<AuthSig> {
  const sigs = await walletSessionSigs(victim, {
    nonce: network.latestBlockhash,
    nodeUrls: devnet.nodeUrls,
    resources,
  });
  const signed = JSON.parse(sigs[devnet.nodeUrls[0]!]!.signedMessage) as {
    capabilities: AuthSig[];
  };
  const capability = signed.capabilities[0]!;
  expect(capability.signedMessage).toMatch(/^URI: lit:session:[0-9a-f]{64}$/m);
  return capability;
}

/** A plain SIWE login of `signer` (Lit's default URI): a real top-level wallet AuthSig. */
async function login(signer = victim): Promise<AuthSig> {
  return createWalletAuthSig({
    signer,
    message: createSiweMessageWithRecaps({
      walletAddress: await signer.getAddress(),
      nonce: network.latestBlockhash,
      expiration: new Date(Date.now() + 600_000).toISOString(),
    }),
  });
}

async function delegation(): Promise<AuthSig> {
  return createCapacityDelegationAuthSig({
    signer: victim,
    nonce: network.latestBlockhash,
    expiration: new Date(Date.now() + 600_000).toISOString(),
  });
}

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({ prefix: 'devnet-top-level-auth-' }));
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
  victimAddress = await victim.getAddress();
}, 60_000);

afterAll(async () => {
  await devnet?.stop();
  temp?.remove();
});

describe('a wallet AuthSig as top-level auth', () => {
  it('decryption and JWT signing refuse a capability of a PKP-signing-only session, or a delegation', async () => {
    const conditions = [userIs(victimAddress)];
    const decryptBody = (authSig: AuthSig) => ({
      accessControlConditions: conditions,
      dataToEncryptHash: 'ab'.repeat(32),
      chain: 'ethereum',
      authSig,
      epoch: 1,
    });
    const now = Math.floor(Date.now() / 1000);
    const jwtBody = (authSig: AuthSig) => ({
      accessControlConditions: conditions,
      chain: 'ethereum',
      authSig,
      iat: now,
      exp: now + 600,
      epoch: 1,
    });
    const lifted = await liftedCapability([PKP_SIGNING]);
    const delegated = await delegation();
    for (const url of devnet.nodeUrls) {
      for (const [what, authSig] of [
        ['capability', lifted],
        ['delegation', delegated],
      ] as const) {
        expectRefused(await post(`${url}/web/encryption/sign`, decryptBody(authSig)), what);
        expectRefused(
          await post(`${url}/web/signing/access_control_condition`, jwtBody(authSig)),
          what,
        );
      }
    }
    // The same wallet's login is let in: the refusal is about what was signed, not who.
    const url = devnet.nodeUrls[0]!;
    const allowed = await login();
    expect((await post(`${url}/web/encryption/sign`, decryptBody(allowed))).status).toBe(200);
    expect(
      (await post(`${url}/web/signing/access_control_condition`, jwtBody(allowed))).status,
    ).toBe(200);
  });

  it('sign_session_key and pkp/claim refuse a capability of a decryption-only session as the EthWallet accessToken', async () => {
    const minted = await post(`${devnet.rpcUrl}/devnet/pkp/mint`, {
      permittedAuthMethods: [
        { authMethodType: 1, authMethodId: ethWalletAuthMethodId(victimAddress), scopes: [2] },
      ],
    });
    expect(minted.status).toBe(200);
    const pkp = minted.json as { publicKey: string; ethAddress: string };
    const lifted = await liftedCapability(DECRYPTION);
    const sessionBody = (accessToken: AuthSig) => {
      const sessionKey = generateSessionKey();
      return {
        sessionKey: `lit:session:${sessionKey.publicKey}`,
        authMethods: [{ authMethodType: 1, accessToken: JSON.stringify(accessToken) }],
        pkpPublicKey: pkp.publicKey,
        siweMessage: createSiweMessageWithRecaps({
          walletAddress: pkp.ethAddress,
          nonce: network.latestBlockhash,
          uri: `lit:session:${sessionKey.publicKey}`,
          expiration: new Date(Date.now() + 600_000).toISOString(),
          resources: [PKP_SIGNING],
        }),
        curveType: 'BLS',
        epoch: 1,
      };
    };
    const claimBody = (accessToken: AuthSig) => ({
      authMethod: { authMethodType: 1, accessToken: JSON.stringify(accessToken) },
      epoch: 1,
    });
    const delegated = await delegation();
    for (const url of devnet.nodeUrls) {
      for (const [what, token] of [
        ['capability', lifted],
        ['delegation', delegated],
      ] as const) {
        expectRefused(await post(`${url}/web/sign_session_key/v1`, sessionBody(token)), what);
        expectRefused(await post(`${url}/web/pkp/claim`, claimBody(token)), what);
      }
    }
    const url = devnet.nodeUrls[0]!;
    const allowed = await login();
    expect((await post(`${url}/web/sign_session_key/v1`, sessionBody(allowed))).status).toBe(200);
    expect((await post(`${url}/web/pkp/claim`, claimBody(allowed))).status).toBe(202);
  });

  it("checkConditions and decryptAndCombine refuse a lifted capability as the action's authSig", async () => {
    // The fixture types its sigs as plain AuthSigs; they are session sigs.
    const attackerSigs = (await walletSessionSigs(attacker, {
      nonce: network.latestBlockhash,
      nodeUrls: devnet.nodeUrls,
      resources: [EXECUTION],
    })) as SessionSigsMap;
    const conditions = [userIs(victimAddress)];
    const { ciphertext, dataToEncryptHash } = encrypt(network, {
      accessControlConditions: conditions,
      data: "the victim's note",
    });
    // The action reports what the node said instead of failing, so both outcomes can be read.
    const run = (call: string, authSig: AuthSig) =>
      executeJs(network, {
        sessionSigs: attackerSigs,
        code: `(async () => {
          try { Lit.Actions.setResponse({ response: String(await ${call}) }); }
          catch (e) { Lit.Actions.setResponse({ response: 'refused: ' + e.message }); }
        })();`,
        jsParams: { conditions, ciphertext, dataToEncryptHash, authSig },
      }).then((r) => r.response);
    const check = `Lit.Actions.checkConditions({ conditions, authSig, chain: 'ethereum' })`;
    const decrypt = `Lit.Actions.decryptAndCombine({ accessControlConditions: conditions, ciphertext, dataToEncryptHash, authSig, chain: 'ethereum' })`;
    const lifted = await liftedCapability([PKP_SIGNING]);
    for (const call of [check, decrypt]) {
      const answer = await run(call, lifted);
      expect(answer).toMatch(
        /^refused: .*authSig: NodeInvalidAuthSig: validation error: Invalid URI for top level auth sig: lit:session:/,
      );
    }
    const allowed = await login();
    expect(await run(check, allowed)).toBe('true');
    expect(await run(decrypt, allowed)).toBe("the victim's note");
  });
});
