// Every function exported from index, called with hostile arguments: it returns, or throws an
// Error with a precise message of its own; never a crash deep inside (no "Cannot read …").
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from './index';

const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;
let deep: unknown = [];
for (let i = 0; i < 5000; i++) deep = [deep];

const HOSTILE: unknown[] = [
  undefined,
  null,
  0,
  -1,
  NaN,
  Infinity,
  2n ** 300n,
  '',
  'x',
  '0x',
  'urn:recap:',
  '*',
  '__proto__',
  'a'.repeat(200_000),
  true,
  [],
  [null],
  {},
  { resource: null },
  { sig: 1 },
  Object.create(null),
  cyclic,
  deep,
  new Uint8Array(0),
  new Uint8Array(33),
  new Uint8Array(64),
  () => 1,
  Symbol('s'),
];

const GENERIC =
  /Cannot read prop|is not a function|is not iterable|undefined is not|null is not|Cannot convert|Maximum call stack/;

function check(name: string, outcome: { threw: boolean; error?: unknown }) {
  if (!outcome.threw) return;
  const e = outcome.error as Error;
  expect(e, name).toBeInstanceOf(Error);
  expect(e.message, `${name}: ${e.message}`).not.toMatch(GENERIC);
  expect(e.message.length, name).toBeGreaterThan(3);
}

async function call(fn: (...a: unknown[]) => unknown, args: unknown[]) {
  try {
    const r = fn(...args);
    if (r instanceof Promise) await r;
    return { threw: false };
  } catch (error) {
    return { threw: true, error };
  }
}

const functions = (Object.entries(api) as [string, unknown][]).filter(
  (e): e is [string, (...a: unknown[]) => unknown] =>
    typeof e[1] === 'function' && !/^[A-Z]/.test(e[0]),
);

describe('public API under hostile input', () => {
  it('exports the functions the README lists', () => {
    expect(functions.length).toBeGreaterThan(40);
  });

  for (const [name, fn] of functions) {
    it(`${name} validates its arguments`, async () => {
      for (const a of HOSTILE) {
        check(`${name}(${String(typeof a)})`, await call(fn, [a]));
        check(`${name}(${String(typeof a)}, …)`, await call(fn, [a, a, a]));
      }
      await fc.assert(
        fc.asyncProperty(fc.array(fc.anything(), { maxLength: 4 }), async (args) => {
          check(name, await call(fn, args));
        }),
        { numRuns: 40 },
      );
    });
  }

  it('LitNodeError and CapabilityCache construct or refuse cleanly', async () => {
    for (const a of HOSTILE) {
      check(
        'LitNodeError',
        await call((...x) => new api.LitNodeError(...(x as [never])), [a, a, a]),
      );
      check(
        'CapabilityCache',
        await call((...x) => new api.CapabilityCache(...(x as [never])), [a]),
      );
      check('LitNodeError.fromJSON', await call(api.LitNodeError.fromJSON, [a]));
      check(
        'LitNodeError options',
        await call((...x) => new api.LitNodeError('NodeNotAuthorized', ...(x as [never])), [a, a]),
      );
    }
  });
});

describe('README', () => {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  const index = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
  // The names a bullet documents: the backticked identifiers before its first ": ".
  const documented = new Set(
    readme
      .split('\n')
      .filter((l) => l.startsWith('- `'))
      .flatMap((l) =>
        [...l.slice(0, l.indexOf('`: ') + 1).matchAll(/`([A-Za-z_][A-Za-z0-9_]*)/g)].map(
          (m) => m[1]!,
        ),
      ),
  );

  it('documents every value export, and nothing that is not one', () => {
    const values = Object.keys(api).sort();
    const types = [...index.matchAll(/\btype ([A-Za-z0-9]+)/g)].map((m) => m[1]!);
    expect(values.filter((v) => !documented.has(v))).toEqual([]);
    expect(types.filter((t) => !documented.has(t))).toEqual([]);
    expect([...documented].filter((d) => !values.includes(d) && !types.includes(d))).toEqual([]);
  });
});
