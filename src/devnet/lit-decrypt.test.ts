// Interop: Lit's unmodified SDK encrypts and decrypts against the devnet under a `:userAddress`
// condition, our client does the same (and reads both ways with Lit's), a node's bad share is
// named and left out, one node down does not stop decryption, chain-backed conditions work end to
// end, and access-control JWTs round-trip through getSignedToken and verifyJwt.
import {
  LitAccessControlConditionResource,
  createSiweMessageWithRecaps,
  generateAuthSig,
} from '@lit-protocol/auth-helpers';
import { createSiweMessage } from '@lit-protocol/auth-helpers';
import { LIT_ABILITY } from '@lit-protocol/constants';
import { verifySignature } from '@lit-protocol/crypto';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { base64urlnopad } from '@scure/base';
import { ethers } from 'ethers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthSig } from '../protocol/auth-sig';
import { fromUtf8, utf8 } from '../protocol/bytes';
import { privateKeySigner, toChecksumAddress } from '../protocol/ethereum';
import { decrypt, decryptToString } from '../client/decrypt';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { encrypt } from '../client/encrypt';
import { JwtVerificationError, getSignedToken, verifyJwt } from '../client/jwt';
import { ThresholdRequestError } from '../client/threshold-shares';
import { userIs, walletSessionSigs } from './access-control.fixtures';
import { PKP_PERMISSIONS_ADDRESS } from './chain/known-contracts';
import { type Devnet } from './network';
import type { tempDataDir } from './test-support';
import { startTestDevnet } from './test-support';

const MESSAGE = 'the plaintext: 1 KB would do, this is shorter';

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let client: LitNodeClientNodeJs;
let network: LitNetwork;
const alice = ethers.Wallet.createRandom();
const bob = ethers.Wallet.createRandom();

/** A wallet's session sigs for access-control decryption and signing, made by Lit's SDK. */
async function litSessionSigs(wallet: ethers.Wallet) {
  return client.getSessionSigs({
    chain: 'ethereum',
    expiration: new Date(Date.now() + 600_000).toISOString(),
    resourceAbilityRequests: [
      {
        resource: new LitAccessControlConditionResource('*'),
        ability: LIT_ABILITY.AccessControlConditionDecryption,
      },
    ],
    authNeededCallback: async (p: {
      uri: string;
      expiration: string;
      nonce: string;
      resourceAbilityRequests: unknown;
    }) => {
      const toSign = await createSiweMessageWithRecaps({
        uri: p.uri,
        expiration: p.expiration,
        resources: p.resourceAbilityRequests,
        walletAddress: wallet.address,
        nonce: p.nonce,
        litNodeClient: client,
      } as never);
      return generateAuthSig({ signer: wallet, toSign });
    },
  } as never);
}

/** The same with our protocol code: what the extension's worker does. */
const ourSessionSigs = (wallet: ethers.Wallet): Promise<Record<string, AuthSig>> =>
  walletSessionSigs(privateKeySigner(ethers.utils.arrayify(wallet.privateKey)), {
    nonce: network.latestBlockhash,
    nodeUrls: network.nodeUrls,
  });

const errorText = (e: unknown) => String((e as { message?: string }).message) + JSON.stringify(e);

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({ prefix: 'devnet-decrypt-' }));
  client = new LitNodeClientNodeJs({ litNetwork: 'custom', rpcUrl: devnet.rpcUrl, debug: false });
  await client.connect();
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
}, 60_000);

afterAll(async () => {
  await client?.disconnect();
  await devnet?.stop();
  temp?.remove();
});

describe("Lit's SDK against the devnet", () => {
  it('encrypts, and decrypts for the user the condition names; another user is refused', async () => {
    const accessControlConditions = [userIs(alice.address)];
    const { ciphertext, dataToEncryptHash } = await client.encrypt({
      accessControlConditions,
      dataToEncrypt: utf8(MESSAGE),
    });
    const { decryptedData } = await client.decrypt({
      accessControlConditions,
      ciphertext,
      dataToEncryptHash,
      chain: 'ethereum',
      sessionSigs: await litSessionSigs(alice),
    });
    expect(fromUtf8(decryptedData)).toBe(MESSAGE);

    const refused = await client
      .decrypt({
        accessControlConditions,
        ciphertext,
        dataToEncryptHash,
        chain: 'ethereum',
        sessionSigs: await litSessionSigs(bob),
      })
      .then(() => 'decrypted', errorText);
    expect(refused).toContain('NodeAccessControlConditionsReturnedNotAuthorized');
  });

  it('decrypts with a wallet AuthSig instead of session sigs', async () => {
    const accessControlConditions = [userIs(alice.address)];
    const { ciphertext, dataToEncryptHash } = await client.encrypt({
      accessControlConditions,
      dataToEncrypt: utf8(MESSAGE),
    });
    const toSign = await createSiweMessage({
      walletAddress: alice.address,
      nonce: await client.getLatestBlockhash(),
      expiration: new Date(Date.now() + 600_000).toISOString(),
      litNodeClient: client,
    });
    const authSig = await generateAuthSig({ signer: alice, toSign });
    const { decryptedData } = await client.decrypt({
      accessControlConditions,
      ciphertext,
      dataToEncryptHash,
      chain: 'ethereum',
      authSig,
    } as never);
    expect(fromUtf8(decryptedData)).toBe(MESSAGE);
  });
});

describe('our client against the devnet', () => {
  it("decrypts what Lit's SDK encrypted and the reverse; another user gets Lit's error", async () => {
    const accessControlConditions = [userIs(alice.address)];
    const fromLit = await client.encrypt({ accessControlConditions, dataToEncrypt: utf8(MESSAGE) });
    const sessionSigs = await ourSessionSigs(alice);
    const ours = await decrypt(network, { ...fromLit, accessControlConditions, sessionSigs });
    expect(fromUtf8(ours.plaintext)).toBe(MESSAGE);
    expect(ours.signers).toHaveLength(2);

    const toLit = encrypt(network, { data: MESSAGE, accessControlConditions });
    const { decryptedData } = await client.decrypt({
      ...toLit,
      accessControlConditions,
      chain: 'ethereum',
      sessionSigs: await litSessionSigs(alice),
    });
    expect(fromUtf8(decryptedData)).toBe(MESSAGE);

    const refused = await decrypt(network, {
      ...toLit,
      accessControlConditions,
      sessionSigs: await ourSessionSigs(bob),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ThresholdRequestError);
    expect((refused as ThresholdRequestError).errorCode).toBe(
      'NodeAccessControlConditionsReturnedNotAuthorized',
    );
    expect((refused as ThresholdRequestError).failures).toHaveLength(3);
  });

  it('names a node that returns a corrupted share and decrypts with the others', async () => {
    const accessControlConditions = [userIs(alice.address)];
    const sealed = encrypt(network, { data: MESSAGE, accessControlConditions });
    const sessionSigs = await ourSessionSigs(alice);
    const liar = network.nodeUrls[0]!;
    const realFetch = globalThis.fetch;
    let liarAnswered!: () => void;
    const liarDone = new Promise<void>((resolve) => (liarAnswered = resolve));
    // Below the client: the liar's answer gets another node's share id on a valid point, so the
    // share parses but does not verify; honest answers wait until the liar's has arrived.
    vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      const response = await realFetch(input, init);
      if (!url.startsWith(liar)) {
        await liarDone;
        return response;
      }
      const body = (await response.json()) as { signatureShare: { ProofOfPossession: string } };
      const share = body.signatureShare.ProofOfPossession;
      body.signatureShare.ProofOfPossession = '03' + share.slice(2);
      liarAnswered();
      return new Response(JSON.stringify(body), { status: 200 });
    });
    try {
      const result = await decrypt(network, { ...sealed, accessControlConditions, sessionSigs });
      expect(fromUtf8(result.plaintext)).toBe(MESSAGE);
      expect(result.signers).not.toContain(liar);
      expect(result.failures.map((f) => [f.url, f.error.message])).toEqual([
        [liar, `${liar}: returned a signature share that does not verify`],
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('decrypts with one node down', async () => {
    const accessControlConditions = [userIs(alice.address)];
    const sealed = encrypt(network, { data: MESSAGE, accessControlConditions });
    const sessionSigs = await ourSessionSigs(alice);
    await devnet.killNode(1);
    try {
      const result = await decrypt(network, { ...sealed, accessControlConditions, sessionSigs });
      expect(fromUtf8(result.plaintext)).toBe(MESSAGE);
      expect(result.failures.map((f) => f.url)).toEqual([network.nodeUrls[1]]);
    } finally {
      await devnet.restartNode(1);
    }
  });

  it('evaluates chain-backed conditions end to end: balance, timestamp, contract, nested and/or', async () => {
    const sessionSigs = await ourSessionSigs(alice);
    const pkp = (await (
      await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ permittedAddresses: [toChecksumAddress(alice.address)] }),
      })
    ).json()) as { tokenId: string };
    const balanceAtLeast = (wei: string) => ({
      conditionType: 'evmBasic',
      contractAddress: '',
      chain: 'sepolia',
      standardContractType: '',
      method: 'eth_getBalance',
      parameters: [':userAddress', 'latest'],
      returnValueTest: { comparator: '>=', value: wei },
    });
    const after = (seconds: number) => ({
      conditionType: 'evmBasic',
      contractAddress: '',
      chain: 'ethereum',
      standardContractType: 'timestamp',
      method: 'eth_getBlockByNumber',
      parameters: ['latest'],
      returnValueTest: { comparator: '>=', value: String(seconds) },
    });
    const permitted = {
      conditionType: 'evmContract',
      contractAddress: PKP_PERMISSIONS_ADDRESS,
      functionName: 'isPermittedAddress',
      functionParams: ['0x' + pkp.tokenId, ':userAddress'],
      functionAbi: {
        name: 'isPermittedAddress',
        inputs: [
          { name: 'tokenId', type: 'uint256' },
          { name: 'user', type: 'address' },
        ],
        outputs: [{ name: '', type: 'bool' }],
        stateMutability: 'view',
        type: 'function',
      },
      chain: 'polygon',
      returnValueTest: { key: '', comparator: '=', value: 'true' },
    };
    const nowSeconds = Math.floor(Date.now() / 1000);
    const unifiedAccessControlConditions = [
      [balanceAtLeast('1'), { operator: 'or' }, after(nowSeconds - 3600)],
      { operator: 'and' },
      [permitted, { operator: 'and' }, [balanceAtLeast('0'), { operator: 'or' }, after(2 ** 40)]],
    ];
    const sealed = encrypt(network, { data: MESSAGE, unifiedAccessControlConditions });
    expect(
      await decryptToString(network, { ...sealed, unifiedAccessControlConditions, sessionSigs }),
    ).toBe(MESSAGE);

    // The same tree fails for a user the PKP does not permit.
    const refused = await decrypt(network, {
      ...sealed,
      unifiedAccessControlConditions,
      sessionSigs: await ourSessionSigs(bob),
    }).then(
      () => null,
      (e: unknown) => e as ThresholdRequestError,
    );
    expect(refused?.errorCode).toBe('NodeAccessControlConditionsReturnedNotAuthorized');

    // An unevaluable condition is refused even in an `or` that is already true.
    const poap = {
      ...userIs('0x' + '1'.repeat(40)),
      standardContractType: 'POAP',
      method: 'eventId',
    };
    const accessControlConditions = [userIs(alice.address), { operator: 'or' }, poap];
    const unknowable = encrypt(network, { data: MESSAGE, accessControlConditions });
    const error = await decrypt(network, {
      ...unknowable,
      accessControlConditions,
      sessionSigs,
    }).then(
      () => null,
      (e: unknown) => e as ThresholdRequestError,
    );
    expect(error?.errorCode).toBe('NodeAccessControlConditionsCheckFailed');
  });
});

describe('access-control JWTs', () => {
  it('getSignedToken returns a JWT that verifyJwt and Lit’s BLS check accept', async () => {
    const accessControlConditions = [userIs(alice.address)];
    const sessionSigs = await ourSessionSigs(alice);
    const token = await getSignedToken(network, {
      accessControlConditions,
      sessionSigs,
      chain: 'ethereum',
      expiresInSeconds: 600,
    });
    const payload = verifyJwt(token.jwt, network.networkPublicKey);
    expect(payload).toEqual(token.payload);
    expect(Object.keys(payload)).toEqual([
      'iss',
      'sub',
      'chain',
      'iat',
      'exp',
      'accessControlConditions',
      'evmContractConditions',
      'solRpcConditions',
      'unifiedAccessControlConditions',
    ]);
    expect(payload).toMatchObject({
      iss: 'LIT',
      sub: toChecksumAddress(alice.address),
      chain: 'ethereum',
      evmContractConditions: null,
      solRpcConditions: null,
      unifiedAccessControlConditions: null,
    });
    expect(payload.exp - payload.iat).toBe(600);
    const [header, body, signature] = token.jwt.split('.') as [string, string, string];
    expect(fromUtf8(base64urlnopad.decode(header))).toBe('{"alg":"BLS12-381","typ":"JWT"}');
    await verifySignature(
      network.networkPublicKey,
      utf8(`${header}.${body}`),
      base64urlnopad.decode(signature),
    );

    // Tampered: another subject under the same signature.
    const forged = JSON.stringify({ ...payload, sub: toChecksumAddress(bob.address) });
    const tampered = `${header}.${base64urlnopad.encode(utf8(forged))}.${signature}`;
    expect(() => verifyJwt(tampered, network.networkPublicKey)).toThrow(
      /signature: not the network signature/,
    );
    // Expired: checked, unlike Lit's verifyJwt.
    expect(() => verifyJwt(token.jwt, network.networkPublicKey, payload.exp * 1000)).toThrow(
      JwtVerificationError,
    );
    expect(() =>
      verifyJwt(token.jwt, network.networkPublicKey, (payload.iat - 600) * 1000),
    ).toThrow(/issued in the future/);

    const refused = await getSignedToken(network, {
      accessControlConditions,
      sessionSigs: await ourSessionSigs(bob),
    }).then(
      () => null,
      (e: unknown) => e as ThresholdRequestError,
    );
    expect(refused?.errorCode).toBe('NodeAccessControlConditionsReturnedNotAuthorized');
  });
});
