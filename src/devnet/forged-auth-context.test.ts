// Regression (review finding 1): a client hid a `lit-resolvedauthcontext` recap naming someone
// else's auth method in front of its own recap; the nodes signed it, and pkpSign read the forged
// context and signed with the victim's PKP. sign_session_key must refuse such a SIWE, so the
// attacker never gets a capability to try.
import { ethers } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { pkpSign } from '../client/pkp-sign';
import { signSessionKey } from '../client/sign-session-key';
import { createWalletAuthSig } from '../protocol/auth-sig';
import { fromHex } from '../protocol/bytes';
import { privateKeySigner } from '../protocol/ethereum';
import { encodeRecap } from '../protocol/recap';
import { generateSessionKey } from '../protocol/session-key';
import { createSessionSigs } from '../protocol/session-sigs';
import { buildSiweMessage, parseSiweMessage } from '../protocol/siwe';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
import { ethWalletAuthMethodId } from './node/pkp-permissions';
import { type Devnet } from './network';
import { startTestDevnet, type tempDataDir, postDevnetAdmin } from './test-support';

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let network: LitNetwork;
type Pkp = { tokenId: string; publicKey: string; ethAddress: string };

const admin = <T>(path: string, body: unknown) => postDevnetAdmin<T>(devnet, path, body);

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet());
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
  temp?.remove();
});

const request = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' },
  ability: 'pkp-signing',
} as const;

/** The attacker's EthWallet auth method, fresh each time (one authorizes one session key). */
async function authMethodOf(wallet: ethers.Wallet) {
  const authSig = await createWalletAuthSig({
    signer: privateKeySigner(fromHex(wallet.privateKey.slice(2))),
    message: createSiweMessageWithRecaps({
      walletAddress: wallet.address,
      nonce: network.latestBlockhash,
    }),
  });
  return { authMethodType: 1, accessToken: JSON.stringify(authSig) };
}

it('refuses a SIWE whose recap claims a resolved auth context, so pkpSign never sees one', async () => {
  const victim = ethers.Wallet.createRandom(); // only its address is used
  const attacker = ethers.Wallet.createRandom();
  const victimPkp = await admin<Pkp>('/devnet/pkp/mint', {
    permittedAuthMethods: [
      { authMethodType: 1, authMethodId: ethWalletAuthMethodId(victim.address), scopes: [1] },
    ],
  });
  const attackerPkp = await admin<Pkp>('/devnet/pkp/mint', {
    permittedAuthMethods: [
      { authMethodType: 1, authMethodId: ethWalletAuthMethodId(attacker.address), scopes: [2] },
    ],
  });
  const sessionKey = generateSessionKey();
  const honest = parseSiweMessage(
    createSiweMessageWithRecaps({
      walletAddress: attackerPkp.ethAddress,
      nonce: network.latestBlockhash,
      uri: `lit:session:${sessionKey.publicKey}`,
      expiration: new Date(Date.now() + 600_000).toISOString(),
      resources: [request],
    }),
  );
  // Same keys and abilities as the node's merged recap, so the statement text matches it too.
  const forged = encodeRecap({
    att: {
      'lit-pkp://*': { 'Threshold/Signing': [{}] },
      'lit-resolvedauthcontext://*': {
        'Auth/Auth': [
          {
            auth_context: {
              actionIpfsIds: [],
              authSigAddress: null,
              customAuthResource: '',
              resources: [],
              authMethodContexts: [
                {
                  appId: 'lit',
                  authMethodType: 1,
                  usedForSignSessionKeyRequest: true,
                  userId: victim.address,
                },
              ],
            },
          },
        ],
      },
    },
    prf: [],
  });
  const siweMessage = buildSiweMessage({ ...honest, resources: [forged, ...honest.resources!] });
  // The old text check could not see the name: it is base64url inside the URN.
  expect(siweMessage.includes('lit-resolvedauthcontext')).toBe(false);

  const answer = await fetch(`${network.nodeUrls[0]}/web/sign_session_key/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sessionKey: `lit:session:${sessionKey.publicKey}`,
      authMethods: [await authMethodOf(attacker)],
      pkpPublicKey: attackerPkp.publicKey,
      siweMessage,
      curveType: 'BLS',
    }),
  });
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { errorCode: string }).errorCode).toBe('NodeSIWEMessageError');

  // Through the client on every node, ending in the attack itself: no capability, no signature.
  const attack = async () => {
    const { authSig: capability } = await signSessionKey(network, {
      sessionPublicKey: sessionKey.publicKey,
      authMethods: [await authMethodOf(attacker)],
      pkpPublicKey: attackerPkp.publicKey,
      siweMessage,
    });
    const sessionSigs = await createSessionSigs({
      sessionKey,
      capabilities: [capability],
      resourceAbilityRequests: [request],
      nodeUrls: network.nodeUrls,
    });
    return pkpSign(network, {
      sessionSigs,
      toSign: crypto.getRandomValues(new Uint8Array(32)),
      pubKey: victimPkp.publicKey,
    });
  };
  await expect(attack()).rejects.toThrow();

  // Control: the attacker's honest session still works on its own PKP's sessions.
  const honestKey = generateSessionKey();
  const { authSig } = await signSessionKey(network, {
    sessionPublicKey: honestKey.publicKey,
    authMethods: [await authMethodOf(attacker)],
    pkpPublicKey: attackerPkp.publicKey,
    siweMessage: buildSiweMessage({ ...honest, uri: `lit:session:${honestKey.publicKey}` }),
  });
  expect(authSig.address.toLowerCase()).toBe(attackerPkp.ethAddress.toLowerCase());
}, 60_000);
