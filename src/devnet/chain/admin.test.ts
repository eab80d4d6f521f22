// The admin API (fastify inject): minting, permissions, credits, status, and strict validation.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../protocol/bytes';
import { addressFromPublicKey } from '../../protocol/ethereum';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { openNetwork } from '../genesis';
import { deriveHdPublicKey } from '../hd-keys';
import type { ChainStore } from '../state/chain-store';
import { tempDataDir } from '../test-support';
import { createChainServer } from './server';

let temp: ReturnType<typeof tempDataDir>;
let store: ChainStore;
let app: FastifyInstance;
const NOW = 1_800_000_000_000;

beforeAll(() => {
  temp = tempDataDir();
  store = openNetwork({
    dataDir: temp.dir,
    nodes: 3,
    threshold: 2,
    port: 7470,
    clock: () => NOW,
  }).chain;
  app = createChainServer({ store, clock: () => NOW });
});
afterAll(async () => {
  await app.close();
  store.close();
  temp.remove();
});

const post = (url: string, body: unknown, extra: Partial<InjectOptions> = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(extra.headers ?? {}) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });

const ACTION = 'QmUuoPhVHm9D66UoPkBiWsAKmw5QcadNdhqrbQB5Kni7Jg';
const WALLET = '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A';
const WALLET_METHOD_ID = '0x33ec56a97e80b03e65d3648656d27a06fa150c25925d8862ca6305df090b6014';

describe('POST /devnet/pkp/mint', () => {
  it('derives the key from a fresh key id over the HD roots, as Lit does', async () => {
    const response = await post('/devnet/pkp/mint', {});
    expect(response.statusCode).toBe(200);
    const { tokenId, publicKey, ethAddress } = response.json();
    expect(Object.keys(response.json()).sort()).toEqual(['ethAddress', 'publicKey', 'tokenId']);
    expect(tokenId).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKey).toMatch(/^0x04[0-9a-f]{128}$/);
    expect(tokenId).toBe(pkpTokenIdFromPublicKey(publicKey));
    expect(ethAddress).toBe(addressFromPublicKey(publicKey));
    const pkp = store.pkp(tokenId)!;
    const roots = store.network().hdRootPubkeys.map((h) => fromHex(h, 33));
    expect('0x' + toHex(deriveHdPublicKey(roots, fromHex(pkp.keyId, 32)))).toBe(publicKey);
    expect(pkp.owner).toBeNull();
    const second = (await post('/devnet/pkp/mint', {})).json();
    expect(second.tokenId).not.toBe(tokenId);
  });

  it('stores the permissions, normalized (checksummed addresses, lowercase ids)', async () => {
    const { tokenId } = (
      await post('/devnet/pkp/mint', {
        permittedAddresses: [WALLET.toLowerCase()],
        permittedAuthMethods: [
          {
            authMethodType: 1,
            authMethodId: WALLET_METHOD_ID.toUpperCase().replace('0X', '0x'),
            scopes: [2],
          },
        ],
        permittedActions: [ACTION],
        owner: WALLET,
      })
    ).json();
    expect(store.pkp(tokenId)).toMatchObject({
      owner: WALLET,
      permittedAddresses: [WALLET],
      permittedAuthMethods: [{ authMethodType: 1, authMethodId: WALLET_METHOD_ID, scopes: [2] }],
      permittedActions: [ACTION],
    });
  });

  it.each([
    [{ extra: 1 }, 'Unrecognized key: "extra"'],
    [{ permittedAddresses: ['0x1234'] }, 'permittedAddresses.0: expected a 0x address (40 hex)'],
    [
      { permittedAddresses: [WALLET.replace('E', 'e')] },
      'permittedAddresses.0: mixed-case address with a wrong EIP-55 checksum',
    ],
    [{ permittedActions: ['QmNotACid'] }, 'permittedActions.0: expected an IPFS CIDv0 (Qm…)'],
    [{ permittedActions: ['Qm' + '1'.repeat(44)] }, 'permittedActions.0: not a sha2-256 CIDv0'],
    [
      { permittedAuthMethods: [{ authMethodType: '1', authMethodId: '0x01', scopes: [] }] },
      'permittedAuthMethods.0.authMethodType',
    ],
    [
      { permittedAuthMethods: [{ authMethodType: 1, authMethodId: '0x01', scopes: [3] }] },
      'permittedAuthMethods.0.scopes.0',
    ],
    [
      { permittedAuthMethods: [{ authMethodType: 1, authMethodId: 'abc', scopes: [] }] },
      'permittedAuthMethods.0.authMethodId: expected 0x hex bytes',
    ],
    [{ permittedAddresses: Array(101).fill(WALLET) }, 'permittedAddresses'],
    [{ owner: 5 }, 'owner'],
    [[], 'expected object'],
    [null, 'expected object'],
  ])('400 invalid_request for %j', async (body, message) => {
    const response = await post('/devnet/pkp/mint', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect(response.json().error.message).toContain(message);
  });

  it('400 invalid_json, 415 without a JSON content type', async () => {
    const bad = await post('/devnet/pkp/mint', '{nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: { code: 'invalid_json', message: 'the body is not valid JSON' },
    });
    const text = await app.inject({
      method: 'POST',
      url: '/devnet/pkp/mint',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
  });
});

describe('admin API guards', () => {
  it('403 for a non-loopback peer or a foreign Host (DNS rebinding)', async () => {
    const remote = await post('/devnet/pkp/mint', {}, { remoteAddress: '10.0.0.8' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.code).toBe('forbidden');
    const rebinding = await post(
      '/devnet/pkp/mint',
      {},
      { headers: { host: 'evil.example:8545' } },
    );
    expect(rebinding.statusCode).toBe(403);
    const status = await app.inject({
      method: 'GET',
      url: '/devnet/status',
      remoteAddress: '192.168.1.2',
    });
    expect(status.statusCode).toBe(403);
    const ipv6 = await post('/devnet/pkp/mint', {}, { remoteAddress: '::1' });
    expect(ipv6.statusCode).toBe(200);
  });

  it('413 for a body over 1 MB; 404 for unknown admin routes', async () => {
    const big = await post('/devnet/pkp/mint', JSON.stringify({ owner: 'x'.repeat(1024 * 1024) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const missing = await post('/devnet/pkp/burn', {});
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });
});

describe('POST /devnet/pkp/permissions', () => {
  it('adds and removes, returning the PKP permissions', async () => {
    const { tokenId } = (await post('/devnet/pkp/mint', { permittedActions: [ACTION] })).json();
    const response = await post('/devnet/pkp/permissions', {
      tokenId: '0x' + tokenId,
      add: {
        permittedAddresses: [WALLET],
        permittedAuthMethods: [{ authMethodType: 2, authMethodId: '0x1220aa', scopes: [1, 2] }],
      },
      remove: { permittedActions: [ACTION] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      permittedAddresses: [WALLET],
      permittedAuthMethods: [{ authMethodType: 2, authMethodId: '0x1220aa', scopes: [1, 2] }],
      permittedActions: [],
    });
    const removed = await post('/devnet/pkp/permissions', {
      tokenId,
      remove: { permittedAuthMethods: [{ authMethodType: 2, authMethodId: '0x1220AA' }] },
    });
    expect(removed.json().permittedAuthMethods).toEqual([]);
  });

  it('404 for an unknown PKP, 400 for a malformed token id or change', async () => {
    expect((await post('/devnet/pkp/permissions', { tokenId: 'ab'.repeat(32) })).statusCode).toBe(
      404,
    );
    expect((await post('/devnet/pkp/permissions', { tokenId: '12' })).statusCode).toBe(400);
    const unknownList = await post('/devnet/pkp/permissions', {
      tokenId: 'ab'.repeat(32),
      add: { owners: [] },
    });
    expect(unknownList.statusCode).toBe(400);
  });
});

describe('POST /devnet/capacity/mint', () => {
  it('mints credits with decimal token ids, expiry in seconds or RFC 3339', async () => {
    const a = await post('/devnet/capacity/mint', {
      owner: WALLET,
      requestsPerKilosecond: 100,
      expiresAt: NOW / 1000 + 86400,
    });
    expect(a.statusCode).toBe(200);
    expect(a.json().tokenId).toMatch(/^[1-9][0-9]*$/);
    const b = await post('/devnet/capacity/mint', {
      owner: WALLET,
      requestsPerKilosecond: 5,
      expiresAt: '2030-01-01T00:00:00Z',
    });
    expect(BigInt(b.json().tokenId)).toBe(BigInt(a.json().tokenId) + 1n);
    expect(store.capacityCredit(b.json().tokenId)).toMatchObject({
      owner: WALLET,
      requestsPerKilosecond: 5,
      expiresAt: 1_893_456_000,
    });
  });

  it.each([
    [
      { owner: WALLET, requestsPerKilosecond: 1, expiresAt: NOW / 1000 - 1 },
      'expiresAt: must be in the future',
    ],
    [{ owner: WALLET, requestsPerKilosecond: 1, expiresAt: NOW + 1 }, 'expiresAt'],
    [
      { owner: WALLET, requestsPerKilosecond: 0, expiresAt: NOW / 1000 + 1 },
      'requestsPerKilosecond',
    ],
    [
      { owner: WALLET, requestsPerKilosecond: 1.5, expiresAt: NOW / 1000 + 1 },
      'requestsPerKilosecond',
    ],
    [{ requestsPerKilosecond: 1, expiresAt: NOW / 1000 + 1 }, 'owner'],
    [{ owner: WALLET, requestsPerKilosecond: 1, expiresAt: 'tomorrow' }, 'expiresAt'],
  ])('400 for %j', async (body, message) => {
    const response = await post('/devnet/capacity/mint', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(message);
  });
});

describe('GET /devnet/status', () => {
  it('lists nodes, threshold, epoch, network key and the latest block', async () => {
    const response = await app.inject({ method: 'GET', url: '/devnet/status' });
    const latest = store.latestBlock();
    expect(response.json()).toEqual({
      nodes: ['http://127.0.0.1:7470', 'http://127.0.0.1:7471', 'http://127.0.0.1:7472'],
      threshold: 2,
      epoch: 1,
      networkPublicKey: store.network().networkPublicKey,
      latestBlock: { number: latest.number, hash: latest.hash, timestamp: latest.timestamp },
    });
  });
});
