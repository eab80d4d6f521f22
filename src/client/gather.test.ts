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

describe('gather with spares (first < nodes)', () => {
  const ok = async (url: string) => url.toUpperCase();

  it('asks only the first nodes when they are enough; spares are neither asked nor failures', async () => {
    const asked: string[] = [];
    const result = await gather(
      ['a', 'b', 'c'],
      async (url) => {
        asked.push(url);
        return ok(url);
      },
      { enough: (s) => s.length >= 2, timeoutMs: 10_000, first: 2, hedgeAfterMs: 60_000 },
    );
    expect(asked).toEqual(['a', 'b']);
    expect(result.successes.map((s) => s.value)).toEqual(['A', 'B']);
    expect(result.failures).toEqual([]);
  });

  it('asks a spare for each node that fails', async () => {
    const asked: string[] = [];
    const result = await gather(
      ['a', 'b', 'c'],
      async (url) => {
        asked.push(url);
        if (url === 'a') throw new Error('down');
        return ok(url);
      },
      { enough: (s) => s.length >= 2, timeoutMs: 10_000, first: 2, hedgeAfterMs: 60_000 },
    );
    expect(asked).toEqual(['a', 'b', 'c']);
    expect(result.successes.map((s) => s.value).sort()).toEqual(['B', 'C']);
    expect(result.failures.map((f) => f.url)).toEqual(['a']);
  });

  it('asks a spare when every answer is in and not enough (e.g. a bad share)', async () => {
    const asked: string[] = [];
    const result = await gather(
      ['a', 'b', 'c'],
      async (url) => {
        asked.push(url);
        return url === 'a' ? 'bad' : ok(url);
      },
      {
        enough: (s) => s.filter((x) => x.value !== 'bad').length >= 2,
        timeoutMs: 10_000,
        first: 2,
        hedgeAfterMs: 60_000,
      },
    );
    expect(asked).toEqual(['a', 'b', 'c']);
    expect(result.successes.map((s) => s.value)).toEqual(['bad', 'B', 'C']);
  });

  it('hedges: a first node that hangs does not hold the request past hedgeAfterMs', async () => {
    const result = await gather(
      ['hang', 'b', 'c'],
      async (url, signal) => {
        if (url === 'hang') await sleep(60_000, signal);
        return ok(url);
      },
      { enough: (s) => s.length >= 2, timeoutMs: 30_000, first: 2, hedgeAfterMs: 10 },
    );
    expect(result.successes.map((s) => s.value).sort()).toEqual(['B', 'C']);
    expect(result.failures.map((f) => [f.url, f.error.failure.kind])).toEqual([
      ['hang', 'timeout'],
    ]);
  });

  it('ends with what it has when the spares run out', async () => {
    const result = await gather(
      ['a', 'b', 'c'],
      async (url) => {
        if (url !== 'c') throw new Error('down');
        return ok(url);
      },
      { enough: (s) => s.length >= 2, timeoutMs: 10_000, first: 2, hedgeAfterMs: 60_000 },
    );
    expect(result.successes.map((s) => s.value)).toEqual(['C']);
    expect(result.failures.map((f) => f.url).sort()).toEqual(['a', 'b']);
  });
});

describe('gather', () => {
  it('resolves as soon as the answers are enough, and aborts the rest', async () => {
    const aborted: string[] = [];
    const result = await gather(
      ['a', 'b', 'c'],
      async (url, signal) => {
        signal.addEventListener('abort', () => aborted.push(url));
        await sleep(url === 'c' ? 5_000 : 10, signal);
        return url.toUpperCase();
      },
      { enough: (s) => s.length >= 2, timeoutMs: 10_000 },
    );
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
