import { describe, expect, it } from 'vitest';
import { providerParamsSchemas, type ProviderMethod } from './messages';
import { REQUEST_LIMITS, overJsonLimits, oversizeMessage, type JsonLimits } from './request-limits';

const small: JsonLimits = { maxValues: 10, maxKeys: 5, maxStringChars: 20, maxDepth: 3 };

/** An object of `n` keys whose values count every read the walk makes of them. */
function countingObject(n: number, reads: { count: number }): Record<string, number> {
  const target: Record<string, number> = {};
  for (let i = 0; i < n; i++) target[`k${i}`] = i;
  return new Proxy(target, {
    get(t, key, receiver) {
      reads.count++;
      return Reflect.get(t, key, receiver) as unknown;
    },
  });
}

/** `n` distinct one-character keys (CJK, which JSON writes as they are): `"一":0,` each. */
const oneCharKeys = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [String.fromCharCode(0x4e00 + i), 0]));
const digits = (n: number) => Array.from({ length: n }, (_, i) => i % 10);

describe('overJsonLimits', () => {
  it('counts values, keys, characters and depth as JSON would, up to each limit exactly', () => {
    // 1 root + 3 properties + 2 items = 6 values; 3 keys; "ab" "c" and keys "a" "b" "c": 6 chars.
    const value = { a: 'ab', b: [1, 'c'], c: null };
    const exact = { ...small, maxValues: 6, maxKeys: 3, maxStringChars: 6 };
    expect(overJsonLimits(value, exact)).toBeNull();
    expect(overJsonLimits(value, { ...exact, maxValues: 5 })).toBe('more than 5 values');
    expect(overJsonLimits(value, { ...exact, maxKeys: 2 })).toBe('more than 2 keys');
    expect(overJsonLimits(value, { ...exact, maxStringChars: 5 })).toBe(
      'more than 5 characters of strings',
    );
    expect(overJsonLimits({ ['k'.repeat(21)]: 1 }, small)).toBe(
      'more than 20 characters of strings',
    );
    // Containers at depth 0 (root), 1, 2, 3 pass with maxDepth 3; one more level does not.
    expect(overJsonLimits({ a: [{ b: [] }] }, small)).toBeNull();
    expect(overJsonLimits({ a: [{ b: [[]] }] }, small)).toBe('nested deeper than 3');
    expect(overJsonLimits('x'.repeat(20), small)).toBeNull();
    expect(overJsonLimits('x'.repeat(21), small)).toBe('more than 20 characters of strings');
    for (const primitive of [null, true, 0, undefined]) {
      expect(overJsonLimits(primitive, small)).toBeNull();
    }
  });

  it('refuses an object of 100k keys from its key count, reading none of its values', () => {
    const reads = { count: 0 };
    const huge = countingObject(100_000, reads);
    expect(overJsonLimits({ method: 'lit_executeJs', params: { code: 'x', jsParams: huge } })).toBe(
      `more than ${REQUEST_LIMITS.maxKeys} keys`,
    );
    expect(reads.count).toBe(0);
  });

  it('never reads more values than its limits across many containers', () => {
    const reads = { count: 0 };
    const many = () => Array.from({ length: 100 }, () => countingObject(100, reads));
    expect(overJsonLimits(many(), { ...REQUEST_LIMITS, maxValues: 5000 })).toBe(
      'more than 5000 values',
    );
    expect(reads.count).toBeGreaterThan(0);
    expect(reads.count).toBeLessThanOrEqual(5000);
    reads.count = 0;
    expect(overJsonLimits(many(), { ...REQUEST_LIMITS, maxKeys: 3000 })).toBe(
      'more than 3000 keys',
    );
    expect(reads.count).toBeLessThanOrEqual(3000);
  });

  it('refuses long arrays, sparse ones included, without walking their items', () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    expect(overJsonLimits(sparse)).toBe(`more than ${REQUEST_LIMITS.maxValues} values`);
    const items = new Proxy(new Array<number>(1_000_000), {
      get(target, key, receiver) {
        if (key !== 'length') throw new Error(`read item ${String(key)}`);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(overJsonLimits(items)).toBe(`more than ${REQUEST_LIMITS.maxValues} values`);
  });

  it('counts a typed array as the keys JSON writes for it, without listing them', () => {
    expect(overJsonLimits(new Uint8Array(5), small)).toBeNull();
    expect(overJsonLimits(new Uint8Array(6), small)).toBe('more than 5 keys');
    expect(overJsonLimits(new Uint8Array(100_000_000))).toBe(
      `more than ${REQUEST_LIMITS.maxKeys} keys`,
    );
  });

  it('ends deep nesting and cycles as too deep, with no stack overflow', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(overJsonLimits(deep)).toBe(`nested deeper than ${REQUEST_LIMITS.maxDepth}`);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(overJsonLimits(cycle)).toBe(`nested deeper than ${REQUEST_LIMITS.maxDepth}`);
  });

  it('passes the largest requests the schemas accept', () => {
    const pkpPublicKey = `0x04${'ab'.repeat(64)}`;
    const capability = (data: Record<string, unknown>) => ({
      resource: { resource: '*', resourcePrefix: 'lit-pkp' },
      ability: 'pkp-signing',
      data,
    });
    const largest: [ProviderMethod, Record<string, unknown>][] = [
      // The most values: jsParams and every capability's data filled with single digits.
      [
        'lit_getLitActionSessionSigs',
        {
          pkpPublicKey,
          litActionCode: 'x'.repeat(256 * 1024),
          jsParams: { d: digits(8180) },
          resourceAbilityRequests: Array.from({ length: 16 }, () =>
            capability({ d: digits(2040) }),
          ),
        },
      ],
      // The most keys: one-character keys everywhere.
      [
        'lit_getLitActionSessionSigs',
        {
          pkpPublicKey,
          litActionCode: 'x'.repeat(256 * 1024),
          jsParams: oneCharKeys(2720),
          resourceAbilityRequests: Array.from({ length: 16 }, () => capability(oneCharKeys(680))),
        },
      ],
      // The most characters: 2 MiB of ciphertext, 32 KiB of conditions.
      [
        'lit_decrypt',
        {
          accessControlConditions: [{ d: digits(16_370) }],
          ciphertext: 'A'.repeat(2 * 1024 * 1024),
          dataToEncryptHash: 'ab'.repeat(32),
          chain: 'ethereum',
        },
      ],
    ];
    for (const [method, params] of largest) {
      expect(providerParamsSchemas[method].safeParse(params).success, method).toBe(true);
      const message = { type: 'request', id: crypto.randomUUID(), request: { method, params } };
      expect(overJsonLimits(message), method).toBeNull();
    }
  });

  it('says why a message is too large', () => {
    expect(oversizeMessage({ method: 'lit_ping' })).toBeNull();
    expect(oversizeMessage({ data: 'x'.repeat(5 * 1024 * 1024) })).toBe(
      `Request too large: more than ${REQUEST_LIMITS.maxStringChars} characters of strings`,
    );
  });
});
