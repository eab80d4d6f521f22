// A node's HTTP surface (fastify inject): the handshake of wire doc §7 and Lit's error JSON for
// every failure.
import type { FastifyInstance } from 'fastify';
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../protocol/bytes';
import { nodeDbPath } from '../data-dir';
import { openNetwork } from '../genesis';
import type { ChainStore } from '../state/chain-store';
import type { NetworkMeta } from '../state/chain-types';
import { rawExchange } from '../raw-http.fixtures';
import { openDatabase } from '../state/sqlite';
import { tempDataDir } from '../test-support';
import { loadNodeContext, type NodeContext } from './context';
import { NodeTransportError } from './errors';
import { createNodeServer, listenNode } from './server';

let temp: ReturnType<typeof tempDataDir>;
let store: ChainStore;
let meta: NetworkMeta;
let ctx: NodeContext;
let app: FastifyInstance;

beforeAll(() => {
  temp = tempDataDir();
  ({ chain: store, meta } = openNetwork({ dataDir: temp.dir, nodes: 3, threshold: 2, port: 7470 }));
  ctx = loadNodeContext({ dataDir: temp.dir, index: 1 });
  app = createNodeServer(ctx);
});
afterAll(async () => {
  await app.close();
  ctx.nodeDb.close();
  ctx.chain.close();
  store.close();
  temp.remove();
});

const CHALLENGE = 'ab'.repeat(32);
const handshake = (body: unknown, url = '/web/handshake/', headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

const LIT_ERROR_KEYS = ['correlationId', 'details', 'errorCode', 'errorKind', 'message', 'status'];

describe('node context', () => {
  it('holds only this node own share, and the network public material', () => {
    expect(ctx).toMatchObject({
      index: 1,
      url: 'http://127.0.0.1:7471',
      threshold: 2,
      nodeCount: 3,
    });
    expect(ctx.blsShare.id).toBe(2);
    expect(toHex(ctx.blsShare.publicKey)).toBe(store.nodes()[1]!.blsPublicShare);
    expect(ctx.blsPublicShares.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(ctx.networkPublicKeyHex).toBe(meta.networkPublicKey);
    expect(ctx.hdRootPubkeys).toEqual(meta.hdRootPubkeys);
    expect(ctx.wallet.address).toBe(store.nodes()[1]!.nodeAddress);
  });

  it('refuses a node file from another network', () => {
    const other = tempDataDir();
    try {
      openNetwork({ dataDir: other.dir, nodes: 3, threshold: 2, port: 7470 }).chain.close();
      const db = openDatabase(nodeDbPath(other.dir, 0));
      db.prepare('UPDATE node_identity SET network_id = ?').run('00'.repeat(32));
      db.close();
      expect(() => loadNodeContext({ dataDir: other.dir, index: 0 })).toThrow(/another network/);
      expect(() => loadNodeContext({ dataDir: other.dir, index: 7 })).toThrow(/node-7.sqlite/);
    } finally {
      other.remove();
    }
  });
});

describe('POST /web/handshake', () => {
  it('answers §7 on both paths with the network keys, HD roots and latest block hash', async () => {
    for (const url of ['/web/handshake', '/web/handshake/']) {
      const response = await handshake(
        { clientPublicKey: 'test', challenge: CHALLENGE, epoch: 1 },
        url,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        serverPublicKey: toHex(ctx.wallet.publicKey),
        subnetPublicKey: meta.networkPublicKey,
        networkPublicKey: meta.networkPublicKey,
        networkPublicKeySet: meta.networkPublicKey,
        clientSdkVersion: '7.4.0',
        hdRootPubkeys: meta.hdRootPubkeys,
        attestation: null,
        latestBlockhash: store.latestBlock().hash,
      });
    }
  });

  it('follows the chain: a new block is the next latestBlockhash', async () => {
    const block = store.appendBlock();
    const response = await handshake({ clientPublicKey: 'test', challenge: CHALLENGE, epoch: 1 });
    expect(response.json().latestBlockhash).toBe(block.hash);
  });

  it('reads the body as JSON whatever the content type says', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/web/handshake',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ clientPublicKey: 'test', challenge: CHALLENGE, epoch: 0 }),
    });
    expect(response.statusCode).toBe(200);
  });

  it.each([
    [
      { clientPublicKey: 'test', challenge: CHALLENGE, epoch: 1, extra: true },
      'Unrecognized key: "extra"',
    ],
    [{ clientPublicKey: 'test', challenge: CHALLENGE }, 'epoch'],
    [{ clientPublicKey: 'test', challenge: CHALLENGE, epoch: -1 }, 'epoch'],
    [{ clientPublicKey: 'test', challenge: CHALLENGE, epoch: '1' }, 'epoch'],
    [
      { clientPublicKey: 'test', challenge: 'zz'.repeat(32), epoch: 1 },
      'challenge: expected 64 hex characters',
    ],
    [{ clientPublicKey: 'test', challenge: CHALLENGE + 'ab', epoch: 1 }, 'challenge'],
    [{ clientPublicKey: 'x'.repeat(2000), challenge: CHALLENGE, epoch: 1 }, 'clientPublicKey'],
    [{ clientPublicKey: 5, challenge: CHALLENGE, epoch: 1 }, 'clientPublicKey'],
    [[1, 2], 'expected object'],
    ['null', 'expected object'],
    ['{"clientPublicKey":', 'body is not valid JSON'],
    ['', 'body is not valid JSON'],
  ])('400 in Lit shape for %j', async (body, detail) => {
    const response = await handshake(body, '/web/handshake/', { 'x-request-id': 'lit_0123' });
    expect(response.statusCode).toBe(400);
    const json = response.json();
    expect(Object.keys(json).sort()).toEqual(LIT_ERROR_KEYS);
    expect(json).toMatchObject({
      errorKind: 'Parser',
      errorCode: 'NodeParserError',
      status: 400,
      correlationId: 'lit_0123',
    });
    expect(json.details.join(' ')).toContain(detail);
  });
});

describe('node transport errors', () => {
  it('413 in Lit shape for a body over 1 MB', async () => {
    const response = await handshake('x'.repeat(1024 * 1024 + 1));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      errorCode: 'CoreApiPayloadTooLarge',
      status: 413,
      errorKind: 'Validation',
    });
  });

  it('404 CoreApiRouteNotFound for unknown routes and methods, echoing X-Request-Id', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: '/web/nope',
      headers: { 'x-request-id': 'lit_abc' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      errorKind: 'Validation',
      errorCode: 'CoreApiRouteNotFound',
      status: 404,
      message: 'The API path was not found.',
      correlationId: 'lit_abc',
      details: ['POST /web/nope'],
    });
    const get = await app.inject({ method: 'GET', url: '/web/handshake' });
    expect(get.statusCode).toBe(404);
    expect(get.json().correlationId).toMatch(/^lit_[0-9a-f]{16}$/);
    const weird = await app.inject({ method: 'GET', url: '/', headers: { 'x-request-id': 'a b' } });
    expect(weird.json().correlationId).not.toBe('a b');
  });

  it('CORS: preflight 204 and an allow-origin header on answers', async () => {
    const preflight = await app.inject({ method: 'OPTIONS', url: '/web/handshake/' });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('x-request-id');
    const answer = await handshake({ clientPublicKey: 'test', challenge: CHALLENGE, epoch: 1 });
    expect(answer.headers['access-control-allow-origin']).toBe('*');
  });

  it('a NodeTransportError an endpoint throws is its status in Lit shape, with its headers', async () => {
    const busyApp = createNodeServer(ctx);
    busyApp.post('/test/busy', async () => {
      throw new NodeTransportError(
        {
          status: 503,
          errorKind: 'Generic',
          errorCode: 'NodeJsSandboxBusy',
          message: 'busy',
          details: ['every worker is taken'],
        },
        { 'retry-after': '1' },
      );
    });
    try {
      const response = await busyApp.inject({
        method: 'POST',
        url: '/test/busy',
        headers: { 'x-request-id': 'lit_busy' },
        payload: '{}',
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json()).toEqual({
        errorKind: 'Generic',
        errorCode: 'NodeJsSandboxBusy',
        status: 503,
        message: 'busy',
        correlationId: 'lit_busy',
        details: ['every worker is taken'],
      });
    } finally {
      await busyApp.close();
    }
  });

  it('an internal fault is 500 NodeSystemFault with no stack', async () => {
    const broken = loadNodeContext({ dataDir: temp.dir, index: 2 });
    const brokenApp = createNodeServer(broken);
    broken.chain.close();
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      const response = await brokenApp.inject({
        method: 'POST',
        url: '/web/handshake',
        payload: { clientPublicKey: 'test', challenge: CHALLENGE, epoch: 1 },
      });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({
        errorCode: 'NodeSystemFault',
        status: 500,
        details: [],
      });
      expect(response.body).not.toMatch(/at \w+ \(|\.ts:\d+/);
    } finally {
      process.stderr.write = stderr;
      await brokenApp.close();
      broken.nodeDb.close();
    }
  });

  it('a busy port is one clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const busyApp = createNodeServer(ctx);
    try {
      await expect(listenNode(busyApp, { ...ctx, port })).rejects.toThrow(
        `node 1: port ${port} is in use`,
      );
    } finally {
      await busyApp.close();
      blocker.close();
    }
  });
});

describe('node sockets: timeouts, the connection cap, requests the HTTP parser refuses', () => {
  let live: FastifyInstance;
  let port: number;
  const REQUEST_TIMEOUT_MS = 400;
  beforeAll(async () => {
    live = createNodeServer(ctx, {
      limits: { requestTimeoutMs: REQUEST_TIMEOUT_MS, checkIntervalMs: 50 },
    });
    // Stands for an executeJs: an answer slower than the request timeout.
    live.post('/test/slow', async () => {
      await new Promise((r) => setTimeout(r, 3 * REQUEST_TIMEOUT_MS));
      return { slow: true };
    });
    await live.listen({ host: '127.0.0.1', port: 0 });
    port = (live.server.address() as AddressInfo).port;
  });
  afterAll(() => live.close());

  const HEAD = 'POST /web/handshake HTTP/1.1\r\nHost: 127.0.0.1\r\n';
  const expectLitError = (body: string, fields: Record<string, unknown>) => {
    const json = JSON.parse(body);
    expect(Object.keys(json).sort()).toEqual(LIT_ERROR_KEYS);
    expect(json).toMatchObject(fields);
    expect(json.correlationId).toMatch(/^lit_[0-9a-f]{16}$/);
    return json as { details: string[] };
  };

  it.each([
    [
      'a body that stalls',
      HEAD + 'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"clien',
    ],
    ['headers that stall', HEAD + 'Content-Type: appl'],
  ])('%s: closed with 408 in Lit shape', async (_, request) => {
    const answer = await rawExchange(port, request);
    expect(answer.status).toBe(408);
    expectLitError(answer.body, {
      errorKind: 'Timeout',
      errorCode: 'CoreApiRequestTimeout',
      status: 408,
      details: [`a request must arrive whole within ${REQUEST_TIMEOUT_MS} ms`],
    });
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    // Not before its time (the 408 says the timeout closed it; rawExchange gives up on a socket
    // the server never closes).
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
  });

  it('does not cut an answer that takes longer than the request timeout', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/test/slow`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ slow: true });
  });

  it.each([
    ['a header line without a colon', HEAD + 'Bad Header\r\n\r\n', 400, 'NodeParserError', 'HPE_'],
    [
      '20 KB of headers',
      HEAD + `X-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'CoreApiHeadersTooLarge',
      'HPE_HEADER_OVERFLOW',
    ],
    [
      'Content-Length with Transfer-Encoding',
      HEAD + 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'NodeParserError',
      'HPE_',
    ],
    ['Content-Length: abc', HEAD + 'Content-Length: abc\r\n\r\n', 400, 'NodeParserError', 'HPE_'],
  ])(
    'answers %s with Lit’s error JSON, then closes',
    async (_, request, status, errorCode, detail) => {
      // Against a server whose request timeout is past rawExchange's patience: the socket closing
      // at all shows the server closed it at once, not the timeout.
      const patient = createNodeServer(ctx, {
        limits: { requestTimeoutMs: 60_000, checkIntervalMs: 50 },
      });
      await patient.listen({ host: '127.0.0.1', port: 0 });
      try {
        const answer = await rawExchange(
          (patient.server.address() as AddressInfo).port,
          request,
          10_000,
        );
        expect(answer.status).toBe(status);
        expect(answer.headers['content-type']).toMatch(/^application\/json/);
        const json = expectLitError(answer.body, { errorCode, status });
        expect(json.details[0]).toContain(detail);
      } finally {
        await patient.close();
      }
    },
  );

  it('holds at most maxConnections sockets; the next is closed at once', async () => {
    const capped = createNodeServer(ctx, { limits: { maxConnections: 2 } });
    await capped.listen({ host: '127.0.0.1', port: 0 });
    const cappedPort = (capped.server.address() as AddressInfo).port;
    const held = [0, 1].map(() => connect(cappedPort, '127.0.0.1'));
    const open = () =>
      new Promise<number>((resolve, reject) =>
        capped.server.getConnections((e, n) => (e ? reject(e) : resolve(n))),
      );
    try {
      while ((await open()) < 2) await new Promise((r) => setTimeout(r, 10));
      const third = await rawExchange(cappedPort, HEAD + 'Content-Length: 2\r\n\r\n{}');
      expect(third.status).toBeNull();
      held[0]!.destroy();
      while ((await open()) > 1) await new Promise((r) => setTimeout(r, 10));
      const fourth = await fetch(`http://127.0.0.1:${cappedPort}/web/handshake`, {
        method: 'POST',
        body: JSON.stringify({ clientPublicKey: 'test', challenge: CHALLENGE, epoch: 1 }),
      });
      expect(fourth.status).toBe(200);
    } finally {
      held.forEach((s) => s.destroy());
      await capped.close();
    }
  });
});
