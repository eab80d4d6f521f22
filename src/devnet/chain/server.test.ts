// The chain stand-in over HTTP (fastify inject): JSON-RPC methods and transport errors.
import { ethers } from 'ethers';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNetwork } from '../genesis';
import { rawExchange } from '../raw-http.fixtures';
import type { ChainStore } from '../state/chain-store';
import { tempDataDir } from '../test-support';
import { createChainServer } from './server';

let temp: ReturnType<typeof tempDataDir>;
let store: ChainStore;
let app: FastifyInstance;

beforeAll(() => {
  temp = tempDataDir();
  store = openNetwork({ dataDir: temp.dir, nodes: 3, threshold: 2, port: 7470 }).chain;
  store.appendBlock();
  app = createChainServer({ store });
});
afterAll(async () => {
  await app.close();
  store.close();
  temp.remove();
});

const rpc = async (method: string, params?: unknown) => {
  const response = await app.inject({
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ jsonrpc: '2.0', id: 1, method, ...(params ? { params } : {}) }),
  });
  expect(response.statusCode).toBe(200);
  return response.json() as { result?: unknown; error?: { code: number; message: string } };
};

describe('chain JSON-RPC methods', () => {
  it('eth_chainId 0x7a69 (31337) and net_version "31337"', async () => {
    expect((await rpc('eth_chainId')).result).toBe('0x7a69');
    expect((await rpc('net_version')).result).toBe('31337');
  });

  it('eth_blockNumber and blocks that ethers v5 parses', async () => {
    expect((await rpc('eth_blockNumber')).result).toBe('0x1');
    const latest = (await rpc('eth_getBlockByNumber', ['latest', false])).result;
    const block = new ethers.providers.Formatter().block(latest);
    const stored = store.latestBlock();
    expect(block).toMatchObject({ number: 1, hash: stored.hash, timestamp: stored.timestamp });
    expect(block.parentHash).toBe(store.blockByNumber(0)!.hash);
    expect((await rpc('eth_getBlockByHash', [stored.hash, false])).result).toEqual(latest);
    expect((await rpc('eth_getBlockByNumber', ['0x0', false])).result).toMatchObject({
      number: '0x0',
    });
    expect((await rpc('eth_getBlockByNumber', ['earliest'])).result).toMatchObject({
      number: '0x0',
    });
    expect((await rpc('eth_getBlockByNumber', ['0x99', false])).result).toBeNull();
    expect((await rpc('eth_getBlockByHash', ['0x' + '00'.repeat(32), false])).result).toBeNull();
  });

  it('eth_getBalance, eth_getLogs', async () => {
    expect((await rpc('eth_getBalance', ['0x' + '11'.repeat(20), 'latest'])).result).toBe('0x0');
    expect((await rpc('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }])).result).toEqual(
      [],
    );
  });

  it('eth_call: the staking read, a revert for other selectors, empty for other addresses', async () => {
    const staking = '0xd4507cd392af2c80919219d7896508728f6a623f';
    const read = (await rpc('eth_call', [{ to: staking, data: '0xc51d020e' }, 'latest'])).result;
    expect(read).toMatch(/^0x[0-9a-f]+$/);
    expect(read as string).toContain(store.nodes()[2]!.nodeAddress.slice(2).toLowerCase());
    expect((await rpc('eth_call', [{ to: staking, data: '0x12345678' }])).error).toMatchObject({
      code: 3,
    });
    expect((await rpc('eth_call', [{ to: '0x' + '22'.repeat(20), data: '0x' }])).result).toBe('0x');
  });

  it.each([
    ['eth_getBalance', ['0x1234', 'latest']],
    ['eth_getBlockByNumber', ['newest', false]],
    ['eth_getBlockByNumber', [1, false]],
    ['eth_getBlockByHash', ['0x12']],
    ['eth_call', [{ data: '0xc51d020e' }]],
    ['eth_call', [{ to: '0x' + '11'.repeat(20), data: 'zz' }]],
    ['eth_getLogs', ['latest']],
    ['eth_chainId', [1]],
  ])('-32602 for %s %j', async (method, params) => {
    expect((await rpc(method, params)).error?.code).toBe(-32602);
  });

  it('-32601 for methods it does not serve', async () => {
    expect((await rpc('eth_sendRawTransaction', ['0x00'])).error?.code).toBe(-32601);
  });
});

describe('chain HTTP transport', () => {
  it('invalid JSON → -32700 (HTTP 200); notifications → 204; batches accepted', async () => {
    const bad = await app.inject({ method: 'POST', url: '/', payload: '{oops' });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ id: null, error: { code: -32700 } });
    const note = await app.inject({
      method: 'POST',
      url: '/',
      payload: { jsonrpc: '2.0', method: 'eth_blockNumber' },
    });
    expect(note.statusCode).toBe(204);
    const batch = await app.inject({
      method: 'POST',
      url: '/',
      payload: [
        { jsonrpc: '2.0', id: 1, method: 'eth_chainId' },
        { jsonrpc: '2.0', id: 2, method: 'eth_blockNumber' },
      ],
    });
    expect(batch.json()).toEqual([
      { jsonrpc: '2.0', id: 1, result: '0x7a69' },
      { jsonrpc: '2.0', id: 2, result: '0x1' },
    ]);
  });

  it('a body over 1 MB → 413 with a JSON-RPC error, no stack', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/',
      payload: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: -32600 } });
  });

  it('other paths → 404 JSON; CORS preflight for browser dApps', async () => {
    const get = await app.inject({ method: 'GET', url: '/' });
    expect(get.statusCode).toBe(404);
    expect(get.json()).toMatchObject({ error: { code: -32600 } });
    const preflight = await app.inject({ method: 'OPTIONS', url: '/' });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('chain sockets: timeouts and requests the HTTP parser refuses', () => {
  let live: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    live = createChainServer({ store, limits: { requestTimeoutMs: 300, checkIntervalMs: 50 } });
    await live.listen({ host: '127.0.0.1', port: 0 });
    port = (live.server.address() as AddressInfo).port;
  });
  afterAll(() => live.close());
  const HEAD = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n';

  it('closes a request whose body stalls, with 408 and a JSON-RPC error', async () => {
    const answer = await rawExchange(port, HEAD + 'Content-Length: 1000\r\n\r\n{"jsonrpc"');
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32600,
        message: 'Invalid Request: the request did not arrive whole within 300 ms',
      },
    });
    // Not before its time; the 408 says the timeout closed it (rawExchange gives up on a socket
    // the server never closes).
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(250);
  });

  it('answers malformed HTTP with a JSON-RPC error, not fastify’s', async () => {
    for (const [request, status] of [
      [HEAD + 'Bad Header\r\n\r\n', 400],
      [HEAD + `X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ] as const) {
      const answer = await rawExchange(port, request);
      expect(answer.status).toBe(status);
      const json = JSON.parse(answer.body);
      expect(json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
      expect(json.error.message).toMatch(/^Invalid Request: /);
    }
  });
});
