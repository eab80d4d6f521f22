// PKP signing and claiming on the devnet: Lit's unmodified SDK (PKP and wallet sessions,
// claimKeyId with a mintCallback) and our client (nonces never reused, a dead node survived,
// scopes enforced).
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import {
  LitPKPResource,
  createSiweMessage,
  createSiweMessageWithRecaps as litSiweWithRecaps,
  generateAuthSig,
} from '@lit-protocol/auth-helpers';
import { LIT_ABILITY } from '@lit-protocol/constants';
import { ethers } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { claimKeyId } from '../client/claim-key';
import { PkpSignError, pkpSign } from '../client/pkp-sign';
import { signSessionKey } from '../client/sign-session-key';
import { createWalletAuthSig, type AuthSig } from '../protocol/auth-sig';
import { fromHex, toHex } from '../protocol/bytes';
import { privateKeySigner, recoverAddress } from '../protocol/ethereum';
import { generateSessionKey } from '../protocol/session-key';
import { createSessionSigs } from '../protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
import { deriveHdPublicKey } from './hd-keys';
import { ethWalletAuthMethodId } from './node/pkp-permissions';
import { type Devnet } from './network';
import type { tempDataDir } from './test-support';
import { startTestDevnet } from './test-support';

interface Pkp {
  tokenId: string;
  publicKey: string;
  ethAddress: string;
}

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let lit: LitNodeClientNodeJs;
let network: LitNetwork;
/** Its EthWallet auth method may sign anything (scope 1, which also covers sessions). */
const owner = ethers.Wallet.createRandom();
/** A wallet the PKP permits by address. */
const permitted = ethers.Wallet.createRandom();
/** Its auth method may only sign personal messages (scope 2): sessions, not pkpSign. */
const limited = ethers.Wallet.createRandom();
let pkp: Pkp;

async function admin<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${devnet.rpcUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const authMethodFor = (wallet: ethers.Wallet, scopes: number[]) => ({
  authMethodType: 1,
  authMethodId: ethWalletAuthMethodId(wallet.address),
  scopes,
});

/** An EthWallet auth method made with Lit's own helpers. */
async function litAuthMethod(wallet: ethers.Wallet) {
  const toSign = await createSiweMessage({
    walletAddress: wallet.address,
    nonce: await lit.getLatestBlockhash(),
    expiration: new Date(Date.now() + 600_000).toISOString(),
    litNodeClient: lit,
  });
  const authSig = await generateAuthSig({ signer: wallet, toSign });
  return { authMethodType: 1, accessToken: JSON.stringify(authSig) };
}

/** Our wallet session: the wallet's own SIWE + ReCap as the capability, signed for every node. */
async function ourWalletSessionSigs(wallet: ethers.Wallet, resource = '*') {
  const sessionKey = generateSessionKey();
  const request = { resource: { resource, resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' };
  const capability = await createWalletAuthSig({
    signer: privateKeySigner(fromHex(wallet.privateKey.slice(2))),
    message: createSiweMessageWithRecaps({
      walletAddress: wallet.address,
      nonce: network.latestBlockhash,
      uri: `lit:session:${sessionKey.publicKey}`,
      resources: [request],
    }),
  });
  return createSessionSigs({
    sessionKey,
    capabilities: [capability],
    resourceAbilityRequests: [request],
    nodeUrls: network.nodeUrls,
  });
}

/** Our PKP session: sign_session_key through our client with `wallet`'s auth method. */
async function ourPkpSessionSigs(wallet: ethers.Wallet, key: Pkp) {
  const sessionKey = generateSessionKey();
  const request = {
    resource: { resource: '*', resourcePrefix: 'lit-pkp' },
    ability: 'pkp-signing',
  };
  const authSig: AuthSig = await createWalletAuthSig({
    signer: privateKeySigner(fromHex(wallet.privateKey.slice(2))),
    message: createSiweMessageWithRecaps({
      walletAddress: wallet.address,
      nonce: network.latestBlockhash,
    }),
  });
  const { authSig: capability } = await signSessionKey(network, {
    sessionPublicKey: sessionKey.publicKey,
    authMethods: [{ authMethodType: 1, accessToken: JSON.stringify(authSig) }],
    pkpPublicKey: key.publicKey,
    siweMessage: createSiweMessageWithRecaps({
      walletAddress: key.ethAddress,
      nonce: network.latestBlockhash,
      uri: `lit:session:${sessionKey.publicKey}`,
      expiration: new Date(Date.now() + 600_000).toISOString(),
      resources: [request],
    }),
  });
  return createSessionSigs({
    sessionKey,
    capabilities: [capability],
    resourceAbilityRequests: [request],
    nodeUrls: network.nodeUrls,
  });
}

const randomDigest = () => crypto.getRandomValues(new Uint8Array(32));

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet());
  ({ body: pkp } = await admin<Pkp>('/devnet/pkp/mint', {
    permittedAuthMethods: [authMethodFor(owner, [1]), authMethodFor(limited, [2])],
    permittedAddresses: [permitted.address],
  }));
  lit = new LitNodeClientNodeJs({ litNetwork: 'custom', rpcUrl: devnet.rpcUrl, debug: false });
  await lit.connect();
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
}, 60_000);

afterAll(async () => {
  await lit?.disconnect();
  await devnet?.stop();
  temp?.remove();
});

describe("Lit's SDK signs with a PKP on the devnet", () => {
  it('with PKP session sigs: 40 random digests recover to the PKP address', async () => {
    const sessionSigs = await lit.getPkpSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: [await litAuthMethod(owner)],
      resourceAbilityRequests: [
        { resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning },
      ],
      expiration: new Date(Date.now() + 600_000).toISOString(),
    });
    for (let i = 0; i < 40; i++) {
      const digest = randomDigest();
      const sig = await lit.pkpSign({ toSign: digest, pubKey: pkp.publicKey, sessionSigs });
      expect(ethers.utils.recoverAddress(digest, sig.signature)).toBe(pkp.ethAddress);
      expect(sig.dataSigned.toLowerCase()).toBe(toHex(digest));
    }
  }, 60_000);

  it('with wallet session sigs of a permitted address: 40 digests recover to the PKP', async () => {
    const sessionSigs = await lit.getSessionSigs({
      chain: 'ethereum',
      resourceAbilityRequests: [
        { resource: new LitPKPResource(pkp.tokenId), ability: LIT_ABILITY.PKPSigning },
      ],
      authNeededCallback: async ({ uri, expiration, resourceAbilityRequests }) => {
        const toSign = await litSiweWithRecaps({
          uri: uri!,
          expiration: expiration!,
          resources: resourceAbilityRequests!,
          walletAddress: permitted.address,
          nonce: await lit.getLatestBlockhash(),
          litNodeClient: lit,
        });
        return generateAuthSig({ signer: permitted, toSign });
      },
    });
    for (let i = 0; i < 40; i++) {
      const digest = randomDigest();
      const sig = await lit.pkpSign({ toSign: digest, pubKey: pkp.publicKey, sessionSigs });
      expect(ethers.utils.recoverAddress(digest, sig.signature)).toBe(pkp.ethAddress);
    }
  }, 60_000);

  it('refuses pkpSign to an auth method with scope 2 only (NodePKPNotAuthorized)', async () => {
    const sessionSigs = await lit.getPkpSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: [await litAuthMethod(limited)],
      resourceAbilityRequests: [
        { resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning },
      ],
    });
    const error = await lit
      .pkpSign({ toSign: randomDigest(), pubKey: pkp.publicKey, sessionSigs })
      .then(
        () => 'signed',
        (e: unknown) => JSON.stringify(e) + String((e as Error).message),
      );
    expect(error).toContain('NodePKPNotAuthorized');
  });

  it('claimKeyId with a mintCallback on the admin API gives the key our derivation gives', async () => {
    const claimer = ethers.Wallet.createRandom();
    let minted: Pkp | undefined;
    const claim = await lit.claimKeyId({
      authMethod: await litAuthMethod(claimer),
      signer: claimer,
      mintCallback: async ({ derivedKeyId }: { derivedKeyId: string }) => {
        const answer = await admin<Pkp>('/devnet/pkp/mint', {
          keyId: derivedKeyId,
          permittedAuthMethods: [authMethodFor(claimer, [1])],
        });
        expect(answer.status).toBe(200);
        minted = answer.body;
        return 'devnet';
      },
    } as unknown as Parameters<LitNodeClientNodeJs['claimKeyId']>[0]);
    const keyId = ethWalletAuthMethodId(claimer.address).slice(2);
    expect(claim.claimedKeyId).toBe(keyId);
    expect(claim.signatures).toHaveLength(3);
    const ours = deriveHdPublicKey(
      network.hdRootPubkeys.map((pk) => fromHex(pk)),
      fromHex(keyId),
    );
    expect(claim.pubkey.replace(/^0x/, '')).toBe(toHex(ours));
    expect(minted?.publicKey).toBe(`0x${toHex(ours)}`);
    // The claimed PKP signs for its claimer, in a PKP session or its own wallet's (an address
    // whose EthWallet auth method is permitted counts as permitted), and for nobody else.
    for (const sessionSigs of [
      await ourPkpSessionSigs(claimer, minted!),
      await ourWalletSessionSigs(claimer),
    ]) {
      const digest = randomDigest();
      const sig = await pkpSign(network, {
        sessionSigs,
        toSign: digest,
        pubKey: minted!.publicKey,
      });
      expect(recoverAddress(digest, sig.signature)).toBe(minted!.ethAddress);
    }
    await expect(
      pkpSign(network, {
        sessionSigs: await ourWalletSessionSigs(permitted),
        toSign: randomDigest(),
        pubKey: minted!.publicKey,
      }),
    ).rejects.toMatchObject({ errorCode: 'NodePKPNotAuthorized' });
    // A key id is claimed once.
    const again = await admin('/devnet/pkp/mint', { keyId: derivedKeyIdOf(claimer) });
    expect(again.status).toBe(409);
  });
});

const derivedKeyIdOf = (wallet: ethers.Wallet) => ethWalletAuthMethodId(wallet.address);

describe('our client signs with a PKP on the devnet', () => {
  it('with wallet and PKP sessions: 40 digests each recover to the PKP address', async () => {
    for (const sessionSigs of [
      await ourWalletSessionSigs(permitted, pkp.tokenId),
      await ourPkpSessionSigs(owner, pkp),
    ]) {
      for (let i = 0; i < 40; i++) {
        const digest = randomDigest();
        const sig = await pkpSign(network, { sessionSigs, toSign: digest, pubKey: pkp.publicKey });
        expect(recoverAddress(digest, sig.signature)).toBe(pkp.ethAddress);
        expect(BigInt('0x' + sig.s) <= 2n ** 255n).toBe(true);
        expect(sig).toMatchObject({ dataSigned: toHex(digest), publicKey: pkp.publicKey.slice(2) });
      }
    }
  }, 60_000);

  it('never reuses a nonce: 1,000 signatures, 1,000 distinct R', async () => {
    const sessionSigs = await ourWalletSessionSigs(permitted);
    const rs = new Set<string>();
    // A few digests repeat on purpose: a new request must still get a new nonce.
    const digests = Array.from({ length: 50 }, randomDigest);
    for (let i = 0; i < 1000; i++) {
      const digest = digests[i % digests.length]!;
      const sig = await pkpSign(network, { sessionSigs, toSign: digest, pubKey: pkp.publicKey });
      expect(recoverAddress(digest, sig.signature)).toBe(pkp.ethAddress);
      rs.add(sig.r);
    }
    expect(rs.size).toBe(1000);
  }, 120_000);

  it('one digest under two request ids gets two nonces; the same request id the same one', async () => {
    const sessionSigs = await ourWalletSessionSigs(permitted);
    const digest = randomDigest();
    const bigRs = async (requestId: string) => {
      const answers = await Promise.all(
        network.nodeUrls.map(async (url) => {
          const response = await fetch(`${url}/web/pkp/sign/v1`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': requestId },
            body: JSON.stringify({
              toSign: Array.from(digest),
              pubkey: pkp.publicKey,
              authSig: sessionSigs[url],
              epoch: 1,
            }),
          });
          expect(response.status).toBe(200);
          return ((await response.json()) as { signatureShare: { big_r: string } }).signatureShare
            .big_r;
        }),
      );
      const signers = answers.filter((r) => r !== '');
      expect(signers).toHaveLength(2);
      expect(new Set(signers).size).toBe(1);
      return signers[0]!;
    };
    const a = await bigRs('lit_request_a');
    const b = await bigRs('lit_request_b');
    expect(a).not.toBe(b);
    expect(await bigRs('lit_request_a')).toBe(a);
  });

  it('refuses an auth method with scope 2 only, through a PKP session', async () => {
    const sessionSigs = await ourPkpSessionSigs(limited, pkp);
    const error = await pkpSign(network, {
      sessionSigs,
      toSign: randomDigest(),
      pubKey: pkp.publicKey,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkpSignError);
    expect((error as PkpSignError).errorCode).toBe('NodePKPNotAuthorized');
  });

  it('keeps signing with one node of three down, and says clearly when two are', async () => {
    const sessionSigs = await ourWalletSessionSigs(permitted);
    await devnet.killNode(1);
    try {
      for (let i = 0; i < 20; i++) {
        const digest = randomDigest();
        const sig = await pkpSign(network, {
          sessionSigs,
          toSign: digest,
          pubKey: pkp.publicKey,
          timeoutMs: 5_000,
        });
        expect(recoverAddress(digest, sig.signature)).toBe(pkp.ethAddress);
      }
      await devnet.killNode(2);
      const error = await pkpSign(network, {
        sessionSigs,
        toSign: randomDigest(),
        pubKey: pkp.publicKey,
        timeoutMs: 5_000,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PkpSignError);
      expect((error as Error).message).toMatch(/^pkpSign: no valid signature after 4 request ids/);
    } finally {
      await devnet.restartNode(1).catch(() => undefined);
      await devnet.restartNode(2).catch(() => undefined);
    }
  }, 60_000);

  it('claimKeyId collects node signatures over the key id and derives its key', async () => {
    const claimer = ethers.Wallet.createRandom();
    const authSig = await createWalletAuthSig({
      signer: privateKeySigner(fromHex(claimer.privateKey.slice(2))),
      message: createSiweMessageWithRecaps({
        walletAddress: claimer.address,
        nonce: network.latestBlockhash,
      }),
    });
    const claim = await claimKeyId(network, {
      authMethod: { authMethodType: 1, accessToken: JSON.stringify(authSig) },
      mintCallback: async ({ derivedKeyId }) => {
        const answer = await admin<Pkp>('/devnet/pkp/mint', { keyId: derivedKeyId });
        return answer.body.publicKey;
      },
    });
    expect(claim.claimedKeyId).toBe(derivedKeyIdOf(claimer).slice(2));
    expect(claim.mintTx).toBe(`0x${claim.pubkey}`);
    const nodeAddresses = await Promise.all(
      network.nodeUrls.map(async (url) => {
        const r = await fetch(`${url}/web/handshake/`, {
          method: 'POST',
          body: JSON.stringify({ clientPublicKey: 'test', challenge: 'ab'.repeat(32), epoch: 1 }),
        });
        const { serverPublicKey } = (await r.json()) as { serverPublicKey: string };
        return ethers.utils.computeAddress(`0x${serverPublicKey}`);
      }),
    );
    expect(claim.signatures.map((s) => s.signer)).toEqual(nodeAddresses);
    // A forged AuthSig claims nothing.
    const forged = { ...authSig, address: permitted.address };
    const refused = await claimKeyId(network, {
      authMethod: { authMethodType: 1, accessToken: JSON.stringify(forged) },
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ errorCode: 'NodeInvalidAuthSig' });
  });
});
