import { describe, expect, it } from 'vitest';
import { gather, mostCommon, mostCommonError } from './gather';
import { NodeCallError } from './node-call';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

describe('gather', () => {
  it('resolves as soon as the answers are enough, and aborts the rest', async () => {
    const aborted: string[] = [];
    const started = Date.now();
    const result = await gather(
      ['a', 'b', 'c'],
      async (url, signal) => {
        signal.addEventListener('abort', () => aborted.push(url));
        await sleep(url === 'c' ? 5_000 : 10, signal);
        return url.toUpperCase();
      },
      { enough: (s) => s.length >= 2, timeoutMs: 10_000 },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.successes.map((s) => s.value).sort()).toEqual(['A', 'B']);
    expect(result.failures.map((f) => f.url)).toEqual(['c']);
    expect(aborted).toContain('c');
  });

  it('reports every failure and a timeout for nodes that never answer', async () => {
    const result = await gather(
      ['ok', 'bad', 'hang'],
      async (url, signal) => {
        if (url === 'bad') {
          throw new NodeCallError(url, {
            kind: 'http',
            status: 403,
            errorCode: 'NodeNotAuthorized',
            message: 'no',
            body: {},
          });
        }
        if (url === 'hang') await sleep(60_000, signal);
        return 1;
      },
      { enough: (s) => s.length >= 2, timeoutMs: 100 },
    );
    expect(result.successes).toHaveLength(1);
    const byUrl = Object.fromEntries(result.failures.map((f) => [f.url, f.error]));
    expect(byUrl.bad?.errorCode).toBe('NodeNotAuthorized');
    expect(byUrl.hang?.failure.kind).toBe('timeout');
  });

  it('wraps non-node errors and finishes with no nodes at all', async () => {
    const result = await gather(['x'], () => Promise.reject(new Error('boom')), {
      enough: () => false,
      timeoutMs: 1_000,
    });
    expect(result.failures[0]!.error).toBeInstanceOf(NodeCallError);
    expect(result.failures[0]!.error.message).toBe('x: boom');
    expect(
      await gather([], () => Promise.resolve(1), { enough: () => false, timeoutMs: 1_000 }),
    ).toEqual({
      successes: [],
      failures: [],
    });
  });
});

describe('mostCommon', () => {
  it('picks the most frequent value, first seen on a tie', () => {
    expect(mostCommon(['a', 'b', 'b', 'c'], (x) => x)).toBe('b');
    expect(mostCommon(['a', 'b'], (x) => x)).toBe('a');
    expect(mostCommon([], (x) => x)).toBeUndefined();
  });

  it('picks the error most nodes agree on', () => {
    const err = (url: string, errorCode?: string) =>
      new NodeCallError(
        url,
        errorCode
          ? { kind: 'http', status: 401, errorCode, message: errorCode, body: {} }
          : { kind: 'timeout', message: 't' },
      );
    const failures = [
      { url: 'a', error: err('a', 'NodePKPNotAuthorized') },
      { url: 'b', error: err('b') },
      { url: 'c', error: err('c', 'NodePKPNotAuthorized') },
    ];
    expect(mostCommonError(failures)?.errorCode).toBe('NodePKPNotAuthorized');
  });
});
