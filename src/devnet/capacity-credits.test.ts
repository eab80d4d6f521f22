// Capacity credits with `--rate-limit`: delegations made by Lit's SDK and by our client allow
// exactly their `uses` (one signature however it is spelled), an expired delegation breaks
// requests, a user outside `delegate_to` is refused, a credit's requests per kilosecond hold, and
// the counts survive a node restart.
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { ethers } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCapacityDelegationAuthSig as protocolDelegation,
  createWalletAuthSig,
  type AuthSig,
} from '../protocol/auth-sig';
import { fromHex } from '../protocol/bytes';
import { privateKeySigner } from '../protocol/ethereum';
import { generateSessionKey } from '../protocol/session-key';
import {
  createSessionCapabilityMessage,
  createSessionSigs,
  type SessionSigsMap,
} from '../protocol/session-sigs';
import { createCapacityDelegationAuthSig } from '../client/capacity-delegation';
import { discoverNetwork } from '../client/discover';
import { encrypt } from '../client/encrypt';
import { type Devnet } from './network';
import type { tempDataDir } from './test-support';
import { startTestDevnet, postDevnetAdmin } from './test-support';

const EXECUTION = {
  resource: { resource: '*', resourcePrefix: 'lit-litaction' },
  ability: 'lit-action-execution',
} as const;
const CODE = Buffer.from('Lit.Actions.setResponse({ response: "ok" });').toString('base64');

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let client: LitNodeClientNodeJs;
let latestBlockhash: string;
const owner = ethers.Wallet.createRandom();

/** Our client's delegation of `tokenId` from the owner to `delegatee`. */
const ownerDelegates = (
  tokenId: string,
  delegatee: string,
  uses?: Parameters<typeof createCapacityDelegationAuthSig>[0]['uses'],
) =>
  createCapacityDelegationAuthSig({
    signer: (message) => owner.signMessage(message),
    address: owner.address,
    capacityTokenId: tokenId,
    delegateeAddresses: [delegatee],
    ...(uses !== undefined && { uses }),
    nonce: latestBlockhash,
  });
const inFuture = () => Math.floor(Date.now() / 1000) + 86_400;

const admin = <T>(path: string, body: unknown) => postDevnetAdmin<T>(devnet, path, body);

const mintCredit = (creditOwner: string, requestsPerKilosecond: number) =>
  admin<{ tokenId: string }>('/devnet/capacity/mint', {
    owner: creditOwner,
    requestsPerKilosecond,
    expiresAt: inFuture(),
  }).then((r) => r.tokenId);

/** Session sigs of `user` for Lit Actions, with `extra` capabilities before its own. */
async function sessionOf(user: ethers.Wallet, extra: AuthSig[] = []): Promise<SessionSigsMap> {
  const sessionKey = generateSessionKey();
  const capability = await createWalletAuthSig({
    signer: user,
    message: createSessionCapabilityMessage({
      walletAddress: user.address,
      nonce: latestBlockhash,
      sessionPublicKey: sessionKey.publicKey,
      resources: [EXECUTION],
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  });
  return createSessionSigs({
    sessionKey,
    capabilities: [...extra, capability],
    resourceAbilityRequests: [EXECUTION],
    nodeUrls: devnet.nodeUrls,
  });
}

/** One executeJs request to every node: each node's status and body. */
async function execute(sigs: SessionSigsMap) {
  const requestId = `lit_${Math.random().toString(16).slice(2)}`;
  return Promise.all(
    devnet.nodeUrls.map(async (url) => {
      const response = await fetch(`${url}/web/execute/v1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ code: CODE, authSig: sigs[url], epoch: 1 }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }),
  );
}

const statuses = (answers: { status: number }[]) => answers.map((a) => a.status);

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({ prefix: 'devnet-capacity-', rateLimit: true }));
  client = new LitNodeClientNodeJs({ litNetwork: 'custom', rpcUrl: devnet.rpcUrl, debug: false });
  await client.connect();
  latestBlockhash = await client.getLatestBlockhash();
}, 60_000);

afterAll(async () => {
  await client?.disconnect();
  await devnet?.stop();
  temp?.remove();
});

describe('with --rate-limit', () => {
  it('a user with no credit is refused with rate_limit_exceeded, HTTP 402', async () => {
    const answers = await execute(await sessionOf(ethers.Wallet.createRandom()));
    for (const answer of answers) {
      expect(answer.status).toBe(402);
      expect(answer.body).toEqual({
        errorCode: 'rate_limit_exceeded',
        message: expect.stringMatching(/^Rate limit exceeded\. {2}Try again later/),
      });
    }
  });

  it.each(['Lit’s SDK', 'our client'])(
    'a delegation with uses "3" made by %s allows exactly 3 requests',
    async (maker) => {
      const tokenId = await mintCredit(owner.address, 1000);
      const user = ethers.Wallet.createRandom();
      const delegation =
        maker === 'Lit’s SDK'
          ? (
              await client.createCapacityDelegationAuthSig({
                dAppOwnerWallet: owner,
                capacityTokenId: tokenId,
                delegateeAddresses: [user.address],
                uses: '3',
              })
            ).capacityDelegationAuthSig
          : await ownerDelegates(tokenId, user.address, '3');
      const sigs = await sessionOf(user, [delegation as AuthSig]);
      for (let i = 0; i < 3; i++) expect(statuses(await execute(sigs))).toEqual([200, 200, 200]);
      const fourth = await execute(sigs);
      expect(statuses(fourth)).toEqual([402, 402, 402]);
      expect(fourth[0]!.body.errorCode).toBe('rate_limit_exceeded');
      // Lit's client sees the same.
      const error = await client
        .executeJs({ sessionSigs: sigs, code: 'Lit.Actions.setResponse({ response: "x" });' })
        .catch((e: unknown) => e);
      expect(String((error as Error).message)).toContain('rate_limit_exceeded');
    },
  );

  it('uses are counted persistently: a restarted node still refuses a spent delegation', async () => {
    const tokenId = await mintCredit(owner.address, 1000);
    const user = ethers.Wallet.createRandom();
    const delegation = await ownerDelegates(tokenId, user.address, 1);
    const sigs = await sessionOf(user, [delegation]);
    expect(statuses(await execute(sigs))).toEqual([200, 200, 200]);
    await devnet.restartNode(1);
    expect(statuses(await execute(sigs))).toEqual([402, 402, 402]);
  });

  it('uses count one signature however it is spelled (v as 0/1, without 0x, in capitals)', async () => {
    const tokenId = await mintCredit(owner.address, 1000);
    const user = ethers.Wallet.createRandom();
    const delegation = await ownerDelegates(tokenId, user.address, '1');
    expect(statuses(await execute(await sessionOf(user, [delegation])))).toEqual([200, 200, 200]);
    const v = parseInt(delegation.sig.slice(-2), 16);
    expect([27, 28]).toContain(v);
    const v01 = delegation.sig.slice(0, -2) + (v - 27).toString(16).padStart(2, '0');
    for (const sig of [
      v01,
      delegation.sig.slice(2),
      v01.slice(2),
      '0x' + delegation.sig.slice(2).toUpperCase(),
    ]) {
      const answers = await execute(await sessionOf(user, [{ ...delegation, sig }]));
      // rate_limit_exceeded, not a signature error: the spelling verifies, its one use is spent.
      expect(statuses(answers), sig).toEqual([402, 402, 402]);
      expect(answers[0]!.body.errorCode, sig).toBe('rate_limit_exceeded');
    }
  });

  it('an expired delegation breaks the request, even for a user with a credit of their own', async () => {
    const user = ethers.Wallet.createRandom();
    await mintCredit(user.address, 1000);
    const tokenId = await mintCredit(owner.address, 1000);
    const expired = await protocolDelegation({
      signer: privateKeySigner(fromHex(owner.privateKey)),
      capacityTokenId: tokenId,
      delegateeAddresses: [user.address],
      uses: '5',
      nonce: latestBlockhash,
      issuedAt: new Date(Date.now() - 7_200_000).toISOString(),
      expiration: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(statuses(await execute(await sessionOf(user)))).toEqual([200, 200, 200]);
    const answers = await execute(await sessionOf(user, [expired]));
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ errorCode: 'NodeSIWEMessageError' });
    }
  });

  it('a user not in delegate_to cannot use the delegation', async () => {
    const tokenId = await mintCredit(owner.address, 1000);
    const delegation = await ownerDelegates(tokenId, ethers.Wallet.createRandom().address, '10');
    const stranger = ethers.Wallet.createRandom();
    expect(statuses(await execute(await sessionOf(stranger, [delegation])))).toEqual([
      402, 402, 402,
    ]);
  });

  it('a delegation of a credit the signer does not own grants nothing', async () => {
    const someoneElse = ethers.Wallet.createRandom();
    const tokenId = await mintCredit(someoneElse.address, 1000);
    const user = ethers.Wallet.createRandom();
    const delegation = await ownerDelegates(tokenId, user.address);
    expect(statuses(await execute(await sessionOf(user, [delegation])))).toEqual([402, 402, 402]);
  });

  it('requestsPerKilosecond limits a credit, with the time to try again', async () => {
    const user = ethers.Wallet.createRandom();
    await mintCredit(user.address, 2);
    const sigs = await sessionOf(user);
    expect(statuses(await execute(sigs))).toEqual([200, 200, 200]);
    expect(statuses(await execute(sigs))).toEqual([200, 200, 200]);
    const third = await execute(sigs);
    for (const answer of third) {
      expect(answer.status).toBe(402);
      const message = answer.body.message as string;
      const at = /Try again at (\S+)$/.exec(message)?.[1];
      expect(at, message).toBeDefined();
      // The first request leaves the 1000 s window first.
      const wait = Date.parse(at!) - Date.now();
      expect(wait).toBeGreaterThan(990_000);
      expect(wait).toBeLessThanOrEqual(1_000_000);
    }
  });
});

describe('with --rate-limit, pkp signing and decryption spend capacity too', () => {
  const PKP_SIGNING = {
    resource: { resource: '*', resourcePrefix: 'lit-pkp' },
    ability: 'pkp-signing',
  } as const;
  const DECRYPTION = {
    resource: { resource: '*', resourcePrefix: 'lit-accesscontrolcondition' },
    ability: 'access-control-condition-decryption',
  } as const;

  it('pkp sign answers 400 and decryption 402 without a credit; with one both work', async () => {
    const user = ethers.Wallet.createRandom();
    const pkp = await admin<{ publicKey: string }>('/devnet/pkp/mint', {
      permittedAddresses: [user.address],
    });
    const sessionKey = generateSessionKey();
    const capability = await createWalletAuthSig({
      signer: user,
      message: createSessionCapabilityMessage({
        walletAddress: user.address,
        nonce: latestBlockhash,
        sessionPublicKey: sessionKey.publicKey,
        resources: [PKP_SIGNING, DECRYPTION],
        expiration: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    const sigs = await createSessionSigs({
      sessionKey,
      capabilities: [capability],
      resourceAbilityRequests: [PKP_SIGNING, DECRYPTION],
      nodeUrls: devnet.nodeUrls,
    });
    const conditions = [
      {
        contractAddress: '',
        standardContractType: '',
        chain: 'ethereum',
        method: '',
        parameters: [':userAddress'],
        returnValueTest: { comparator: '=', value: user.address },
      },
    ];
    const network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
    const { dataToEncryptHash } = await encrypt(network, {
      accessControlConditions: conditions,
      data: 'metered',
    });
    const call = (path: string, body: (url: string) => unknown) => {
      const requestId = `lit_${Math.random().toString(16).slice(2)}`;
      return Promise.all(
        devnet.nodeUrls.map(async (url) => {
          const response = await fetch(`${url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': requestId },
            body: JSON.stringify(body(url)),
          });
          return {
            status: response.status,
            body: (await response.json()) as Record<string, unknown>,
          };
        }),
      );
    };
    const sign = () =>
      call('/web/pkp/sign/v1', (url) => ({
        toSign: Array.from({ length: 32 }, (_, i) => i),
        pubkey: pkp.publicKey,
        authSig: sigs[url],
        epoch: 1,
      }));
    const decrypt = () =>
      call('/web/encryption/sign', (url) => ({
        accessControlConditions: conditions,
        dataToEncryptHash,
        chain: 'ethereum',
        authSig: sigs[url],
        epoch: 1,
      }));

    const refusedSign = await sign();
    expect(statuses(refusedSign)).toEqual([400, 400, 400]);
    expect(refusedSign[0]!.body.errorCode).toBe('rate_limit_exceeded');
    const refusedDecrypt = await decrypt();
    expect(statuses(refusedDecrypt)).toEqual([402, 402, 402]);
    expect(refusedDecrypt[0]!.body.errorCode).toBe('rate_limit_exceeded');

    await mintCredit(user.address, 1000);
    expect(statuses(await sign())).toEqual([200, 200, 200]);
    expect(statuses(await decrypt())).toEqual([200, 200, 200]);
  });
});
