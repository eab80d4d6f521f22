import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeCallError, postJson } from './node-call';

let server: Server;
let base: string;
const seen: { requestId?: string; body?: string } = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.requestId = req.headers['x-request-id'] as string | undefined;
      seen.body = body;
      switch (req.url) {
        case '/ok':
          return res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
        case '/lit-error':
          return res.writeHead(401).end(
            JSON.stringify({
              errorCode: 'NodePKPNotAuthorized',
              message: 'not permitted',
              status: 401,
            }),
          );
        case '/not-json':
          return res.writeHead(200).end('<html>');
        case '/big':
          return res.writeHead(200).end('"' + 'x'.repeat(2_000) + '"');
        case '/slow':
          return setTimeout(() => res.writeHead(200).end('{}'), 2_000);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function failure(p: Promise<unknown>): Promise<NodeCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NodeCallError) return e;
    throw e;
  }
  throw new Error('expected a NodeCallError');
}

describe('postJson', () => {
  it('sends JSON with the request id and parses the answer', async () => {
    expect(
      await postJson(`${base}/ok`, { x: [1] }, { timeoutMs: 1_000, requestId: 'lit_ab' }),
    ).toEqual({ a: 1 });
    expect(seen).toEqual({ requestId: 'lit_ab', body: '{"x":[1]}' });
  });

  it("carries Lit's errorCode and the HTTP status", async () => {
    const e = await failure(postJson(`${base}/lit-error`, {}, { timeoutMs: 1_000 }));
    expect(e.errorCode).toBe('NodePKPNotAuthorized');
    expect(e.failure).toMatchObject({ kind: 'http', status: 401 });
    expect(e.message).toBe(`${base}/lit-error: HTTP 401: not permitted`);
  });

  it('names invalid JSON, oversized answers, timeouts and unreachable nodes', async () => {
    expect(
      (await failure(postJson(`${base}/not-json`, {}, { timeoutMs: 1_000 }))).failure.kind,
    ).toBe('invalid-response');
    expect(
      (await failure(postJson(`${base}/big`, {}, { timeoutMs: 1_000, maxResponseBytes: 100 })))
        .failure.message,
    ).toBe('response over 100 bytes');
    expect((await failure(postJson(`${base}/slow`, {}, { timeoutMs: 100 }))).failure.kind).toBe(
      'timeout',
    );
    expect(
      (await failure(postJson('http://127.0.0.1:1/x', {}, { timeoutMs: 1_000 }))).failure.kind,
    ).toBe('unreachable');
  });
});
