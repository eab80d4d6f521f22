import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonRpcError, MAX_BATCH, handleJsonRpc, parseParams, type RpcMethod } from './json-rpc';

const methods = new Map<string, RpcMethod>([
  ['echo', (p) => p],
  [
    'add',
    (p) => {
      const [a, b] = parseParams(z.tuple([z.number(), z.number()]), p);
      return a + b;
    },
  ],
  [
    'revert',
    () => {
      throw new JsonRpcError(3, 'execution reverted', '0x');
    },
  ],
  [
    'bug',
    () => {
      throw new Error('secret internals');
    },
  ],
]);
const call = (body: unknown) => handleJsonRpc(JSON.stringify(body), methods);

describe('JSON-RPC 2.0', () => {
  it('answers a request with its id', () => {
    expect(call({ jsonrpc: '2.0', id: 7, method: 'add', params: [2, 3] })).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: 5,
    });
    expect(call({ jsonrpc: '2.0', id: 'x', method: 'echo' })).toEqual({
      jsonrpc: '2.0',
      id: 'x',
      result: [],
    });
  });

  it('-32700 for a body that is not JSON', () => {
    expect(handleJsonRpc('{"jsonrpc":', methods)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
    expect(handleJsonRpc('', methods)).toMatchObject({ error: { code: -32700 } });
  });

  it.each([
    [42],
    ['string'],
    [null],
    [{ id: 1, method: 'echo' }],
    [{ jsonrpc: '1.0', id: 1, method: 'echo' }],
    [{ jsonrpc: '2.0', id: 1 }],
    [{ jsonrpc: '2.0', id: 1, method: 5 }],
    [{ jsonrpc: '2.0', id: 1, method: 'echo', params: 'x' }],
    [{ jsonrpc: '2.0', id: { nested: 1 }, method: 'echo' }],
  ])('-32600 for an invalid request %j', (body) => {
    expect(call(body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
  });

  it('-32601 for an unknown method, including prototype names', () => {
    for (const method of ['eth_sendTransaction', '__proto__', 'constructor', 'toString']) {
      expect(call({ jsonrpc: '2.0', id: 1, method })).toMatchObject({
        id: 1,
        error: { code: -32601 },
      });
    }
  });

  it('-32602 naming the bad parameter', () => {
    expect(call({ jsonrpc: '2.0', id: 1, method: 'add', params: [1, 'two'] })).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: -32602,
        message: 'Invalid params: 1: Invalid input: expected number, received string',
      },
    });
  });

  it('method errors keep their code and data; internal ones become -32603 without details', () => {
    expect(call({ jsonrpc: '2.0', id: 1, method: 'revert' })).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: 3, message: 'execution reverted', data: '0x' },
    });
    const seen: unknown[] = [];
    const response = handleJsonRpc(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'bug' }),
      methods,
      (e) => seen.push(e),
    );
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32603, message: 'Internal error' },
    });
    expect(JSON.stringify(response)).not.toContain('secret');
    expect(seen).toHaveLength(1);
  });

  it('batches: one answer per request with an id, in order, errors included', () => {
    expect(
      call([
        { jsonrpc: '2.0', id: 1, method: 'add', params: [1, 1] },
        { jsonrpc: '2.0', method: 'echo' },
        { jsonrpc: '2.0', id: 2, method: 'nope' },
        5,
      ]),
    ).toEqual([
      { jsonrpc: '2.0', id: 1, result: 2 },
      { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found: nope' } },
      {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: 'Invalid Request: expected an object' },
      },
    ]);
  });

  it('notifications get no answer; an empty or oversized batch is one -32600', () => {
    expect(call({ jsonrpc: '2.0', method: 'echo' })).toBeUndefined();
    expect(call([{ jsonrpc: '2.0', method: 'echo' }])).toBeUndefined();
    expect(call([])).toMatchObject({ id: null, error: { code: -32600 } });
    const big = Array.from({ length: MAX_BATCH + 1 }, (_, id) => ({
      jsonrpc: '2.0',
      id,
      method: 'echo',
    }));
    expect(call(big)).toMatchObject({ id: null, error: { code: -32600 } });
  });
});
