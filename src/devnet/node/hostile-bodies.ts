// Hostile request bodies for the devnet's HTTP surface (hostile-input.test.ts): fast-check
// arbitraries of values that are always wrong for a field, raw JSON for what JSON.stringify
// cannot build (10 000 levels of nesting), and the checks every error answer must pass.
import fc from 'fast-check';
import { LIT_ERROR_KINDS } from '../../protocol/errors';
import { toChecksumAddress } from '../../protocol/ethereum';

/** JSON text spliced into a body as is (JSON.stringify overflows its stack on deep values). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of `value`, with every RawJson inside replaced by its text. */
export function encodeBody(value: unknown): string {
  const nonce = Math.random().toString(36).slice(2);
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof RawJson)) return v;
    raws.push(v.text);
    return `raw:${nonce}:${raws.length - 1}`;
  });
  if (text === undefined) return '';
  return text.replace(new RegExp(`"raw:${nonce}:(\\d+)"`, 'g'), (_m, i: string) => raws[+i]!);
}

/** An object with `key` as an own property, even `__proto__`. */
export function withKey(object: object, key: string, value: unknown): Record<string, unknown> {
  const copy = (Array.isArray(object) ? [...object] : { ...object }) as Record<string, unknown>;
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of `body` with the field at `path` set to `value` (`undefined` deletes it). */
export function setPath(body: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const parent = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (rest.length === 0 && value === undefined) {
    if (Array.isArray(parent)) return parent.filter((_, i) => String(i) !== head);
    return Object.fromEntries(Object.entries(parent).filter(([k]) => k !== head));
  }
  const copy = Array.isArray(parent) ? [...(parent as unknown[])] : { ...parent };
  return withKey(copy, head, setPath(parent[head], rest, value));
}

const DEPTH = 10_000;
export const deepArray = new RawJson('['.repeat(DEPTH) + ']'.repeat(DEPTH));
export const deepObject = new RawJson('{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH));
/** Keys that pollute prototypes when a server merges bodies into objects carelessly. */
export const protoObject = new RawJson(
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{}}',
);
/** Just under the 1 MB body limit once a template's other fields are added. */
export const hugeString = fc
  .integer({ min: 500_000, max: 1_000_000 })
  .map((n) => 'A'.repeat(n) + 'é');
/** A number JSON.parse reads as Infinity. */
export const overflowingNumber = new RawJson('1e400');

const nesting = fc.constantFrom<unknown>(deepArray, deepObject, protoObject);
const smallJson = fc.jsonValue({ maxDepth: 3 });
const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
  fc.constant(overflowingNumber),
);
const strings = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme' }), hugeString);
const objects = fc.oneof(
  fc.dictionary(fc.string(), smallJson, { maxKeys: 4 }),
  fc.constantFrom<unknown>(deepObject, protoObject),
);
const arrays = fc.oneof(fc.array(smallJson, { maxLength: 4 }), fc.constant(deepArray));

/** A value of any JSON type but `type` (and never undefined, which optional fields allow). */
export function notA(type: 'string' | 'number' | 'object' | 'array'): fc.Arbitrary<unknown> {
  const pools: Record<typeof type, fc.Arbitrary<unknown>> = {
    string: strings,
    number: numbers,
    object: objects,
    array: arrays,
  };
  const others = (Object.keys(pools) as (typeof type)[]).filter((t) => t !== type);
  return fc.oneof(fc.boolean(), fc.constant(null), ...others.map((t) => pools[t]));
}

/** Strings that are not `bytes` bytes of hex (optionally 0x-prefixed when `prefix`). */
export function invalidHex(bytes: number, prefix: '0x' | '' = ''): fc.Arbitrary<string> {
  const hexOf = (n: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  return fc.oneof(
    hexOf(bytes * 2 - 1).map((h) => prefix + h),
    hexOf(bytes * 2 + 1).map((h) => prefix + h),
    hexOf(bytes * 2 - 1).map((h) => prefix + h + 'g'),
    hexOf(bytes * 2 - 1).map((h) => prefix + 'Z' + h),
    hexOf(bytes * 2).map((h) => (prefix ? h : '0y' + h)),
    fc.constantFrom('', '0x', ' ', '\u0000'.repeat(bytes * 2)),
    hugeString,
  );
}

/** A key outside `allowed`, including the prototype-polluting ones. */
export function unknownKey(allowed: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
      fc.string({ minLength: 1, maxLength: 20 }),
    )
    .filter((k) => !allowed.includes(k));
}

/** Text JSON.parse refuses. */
export const notJson = fc.oneof(
  fc.constantFrom('', ' ', '{', '[1,', '{"a":}', "{'a':1}", 'undefined', 'NaN', '\u0000', '{}}'),
  fc.string({ minLength: 1 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

export interface FieldRule {
  path: readonly string[];
  /** Values that are always invalid for this field. */
  invalid: fc.Arbitrary<unknown>;
}

/**
 * Bodies built from a `template` that are always invalid: one field given a wrong value, a
 * required field removed, an unknown field added, the template wrapped in an array, or no object.
 */
export function invalidBodies(
  template: Record<string, unknown>,
  rules: readonly FieldRule[],
  options: { required: readonly string[] },
): fc.Arbitrary<{ body: unknown; why: string }> {
  const mutated = fc.integer({ min: 0, max: rules.length - 1 }).chain((i) =>
    rules[i]!.invalid.map((v) => ({
      body: setPath(template, rules[i]!.path, v),
      why: `${rules[i]!.path.join('.')} = ${label(v)}`,
    })),
  );
  const removed =
    options.required.length === 0
      ? mutated
      : fc.constantFrom(...options.required).map((k) => ({
          body: setPath(template, [k], undefined),
          why: `without ${k}`,
        }));
  const extra = fc
    .tuple(unknownKey(Object.keys(template)), fc.oneof(smallJson, nesting))
    .map(([k, v]) => ({ body: withKey(template, k, v), why: `unknown key ${JSON.stringify(k)}` }));
  const notAnObject = fc.oneof(
    fc.constant({ body: [template], why: 'the template in an array' }),
    fc
      .oneof(
        notA('object'),
        smallJson.filter((v) => !isPlainObject(v)),
      )
      .map((v) => ({
        body: v,
        why: `body ${label(v)}`,
      })),
  );
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: removed },
    { weight: 2, arbitrary: extra },
    { weight: 1, arbitrary: notAnObject },
  );
}

const isPlainObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawJson);

/** `value`, which fast-check prints as `text` in a counterexample (bodies reach 1 MB). */
export function printedAs<T extends object>(value: T, text: string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => text });
}

/** A short label for a generated value (failures would otherwise print megabytes). */
export function label(v: unknown): string {
  if (v instanceof RawJson) return `raw ${v.text.slice(0, 30)}… (${v.text.length} chars)`;
  const text = encodeBody(v);
  return text.length > 80 ? `${text.slice(0, 80)}… (${text.length} chars)` : text;
}

// Field rules of the admin API's bodies (chain/admin-schemas.ts), each value always invalid.
export const HEX64 = 'ab'.repeat(32);
export const VALID_ADDRESS = toChecksumAddress('0x' + '5a'.repeat(20));
export const invalidNumber = fc.constantFrom<unknown>(-1, 1.5, 2 ** 53, overflowingNumber);
const badChecksum = fc.constantFrom(
  VALID_ADDRESS.replace(/[a-f]/, (c) => c.toUpperCase()),
  VALID_ADDRESS.replace(/[A-F]/, (c) => c.toLowerCase()),
);
export const invalidAddress = fc.oneof(notA('string'), invalidHex(20, '0x'), badChecksum);
const invalidCid = fc.oneof(
  notA('string'),
  fc.constantFrom('Qm' + '1'.repeat(43), 'Qm' + '0'.repeat(44), 'Qm' + '1'.repeat(44), 'bafy'),
  hugeString,
);
export const VALID_AUTH_METHOD = { authMethodType: 1, authMethodId: '0x' + HEX64, scopes: [2] };
const invalidAuthMethod = fc.oneof(
  notA('object'),
  fc
    .oneof(notA('number'), invalidNumber, fc.constant(0))
    .map((v) => setPath(VALID_AUTH_METHOD, ['authMethodType'], v)),
  fc
    .oneof(notA('string'), invalidHex(32, '0x'))
    .map((v) => setPath(VALID_AUTH_METHOD, ['authMethodId'], v)),
  fc
    .oneof(notA('array'), fc.constant([3]), fc.constant(['2']))
    .map((v) => setPath(VALID_AUTH_METHOD, ['scopes'], v)),
  fc.constant({ ...VALID_AUTH_METHOD, extra: 1 }),
);
const tooMany = <T>(item: T) => Array.from({ length: 101 }, () => item);
export const permissionListRules = (prefix: string[]): FieldRule[] => [
  {
    path: [...prefix, 'permittedAddresses'],
    invalid: fc.oneof(
      notA('array'),
      invalidAddress.map((a) => [a]),
      fc.constant(tooMany(VALID_ADDRESS)),
    ),
  },
  {
    path: [...prefix, 'permittedAuthMethods'],
    invalid: fc.oneof(
      notA('array'),
      invalidAuthMethod.map((m) => [m]),
    ),
  },
  {
    path: [...prefix, 'permittedActions'],
    invalid: fc.oneof(
      notA('array'),
      invalidCid.map((c) => [c]),
    ),
  },
];
export const invalidExpiresAt = fc.oneof(
  fc.boolean(),
  fc.constant(null),
  notA('string').filter((v) => typeof v !== 'number' && typeof v !== 'string'),
  fc.integer({ min: -1e9, max: 1_700_000_000 }),
  fc.constantFrom<unknown>(1.5e9 + 0.5, 32_503_680_001, overflowingNumber, '2001-01-01T00:00:00Z'),
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d\d-\d\dT/.test(s)),
  hugeString,
);

export const anyHostile = fc.oneof(
  notA('string'),
  notA('object'),
  fc.string(),
  hugeString,
  notJson,
);

// JSON-RPC requests with the error code each must get (chain/json-rpc.ts, rpc-methods.ts).
/** One JSON-RPC request and the error code it must get (null: a notification, no answer). */
export interface RpcCase {
  request: unknown;
  code: number | null;
}

const NO_PARAMS = ['eth_chainId', 'net_version', 'eth_blockNumber', 'web3_clientVersion'];
const KNOWN_METHODS = new Set([
  ...NO_PARAMS,
  'net_listening',
  'eth_syncing',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_getBalance',
  'eth_getLogs',
  'eth_call',
]);
const BAD_TAGS = ['LATEST', '0x', '0x01', '0X1', '1', '-0x1', '0x' + 'f'.repeat(17), 'latest '];
export const rpc = (method: unknown, params?: unknown, id: unknown = 1) => ({
  jsonrpc: '2.0',
  id,
  method,
  ...(params !== undefined ? { params } : {}),
});
const rpcAddress = fc.oneof(notA('string'), invalidHex(20, '0x'));

const invalidParams: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(
    fc.constantFrom(...NO_PARAMS),
    fc.oneof(
      fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 3 }),
      fc.constantFrom<unknown>(deepArray, deepObject, protoObject),
    ),
  ),
  fc.tuple(
    fc.constant('eth_getBlockByNumber'),
    fc.oneof(
      fc.constant<unknown>([]),
      fc.oneof(notA('string'), fc.constantFrom(...BAD_TAGS), hugeString).map((t) => [t]),
      fc.constant(['latest', 'yes']),
    ),
  ),
  fc.tuple(
    fc.constant('eth_getBlockByHash'),
    fc.oneof(notA('string'), invalidHex(32, '0x')).map((h) => [h]),
  ),
  fc.tuple(
    fc.constant('eth_getBalance'),
    rpcAddress.map((a) => [a, 'latest']),
  ),
  fc.tuple(
    fc.constant('eth_getLogs'),
    fc.oneof(
      fc.constant<unknown>([]),
      notA('object').map((filter) => [filter]),
    ),
  ),
  fc.tuple(
    fc.constant('eth_call'),
    fc.oneof(
      rpcAddress.map((to) => [{ to }, 'latest']),
      invalidHex(4, '0x')
        .filter((data) => data !== '0x')
        .map((data) => [{ to: VALID_ADDRESS, data }]),
      notA('object').map((call) => [call]),
    ),
  ),
);

const badIds = fc.oneof(
  fc.boolean(),
  fc.array(fc.jsonValue(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 }),
  fc.constantFrom<unknown>(overflowingNumber, deepArray, protoObject),
);

export const rpcCase: fc.Arbitrary<RpcCase> = fc.oneof(
  invalidParams.map(([method, params]) => ({ request: rpc(method, params), code: -32602 })),
  fc
    .oneof(
      fc.string(),
      fc.constantFrom('__proto__', 'constructor', 'eth_sendTransaction'),
      hugeString,
    )
    .filter((method) => !KNOWN_METHODS.has(method))
    .map((method) => ({ request: rpc(method, []), code: -32601 })),
  fc
    .oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), hugeString)
    .map((request) => ({ request, code: -32600 })),
  fc.oneof(notA('string'), fc.constantFrom('1.0', '2', '')).map((jsonrpc) => ({
    request: { ...rpc('eth_chainId'), jsonrpc },
    code: -32600,
  })),
  notA('string').map((method) => ({ request: rpc(method), code: -32600 })),
  badIds.map((id) => ({ request: rpc('eth_chainId', undefined, id), code: -32600 })),
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)).map((params) => ({
    request: rpc('eth_blockNumber', params),
    code: -32600,
  })),
  fc.constantFrom(...KNOWN_METHODS).map((method) => ({
    request: { jsonrpc: '2.0', method, params: [] },
    code: null,
  })),
);
/** Inside a batch an array is one more request that is not an object. */
export const batchCase = fc.oneof(
  rpcCase,
  fc.array(fc.jsonValue(), { maxLength: 2 }).map((request) => ({ request, code: -32600 })),
);

export const rpcBodies = fc.oneof(
  {
    weight: 4,
    arbitrary: rpcCase.map(({ request, code }) => {
      const text = encodeBody(request);
      return printedAs({ text, batch: false, codes: code === null ? [] : [code] }, label(text));
    }),
  },
  {
    weight: 2,
    arbitrary: fc.array(batchCase, { minLength: 1, maxLength: 5 }).map((cases) => {
      const text = encodeBody(cases.map((c) => c.request));
      const codes = cases.flatMap((c) => (c.code === null ? [] : [c.code]));
      return printedAs({ text, batch: true, codes }, label(text));
    }),
  },
  {
    weight: 1,
    arbitrary: notJson.map((text) =>
      printedAs({ text, batch: false, codes: [-32700] }, label(text)),
    ),
  },
);

/** Content types a client might send; nodes and JSON-RPC read every body as JSON anyway. */
export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'garbage',
  '',
  null,
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

// Frames ("at f (file:1:2)"), file paths and module names that only a stack trace would show.
const STACK_TRACE_RE =
  /\bat\s+(?:async\s+)?\S+\s+\(|\bat\s+\S+:\d+:\d+|node:internal|node_modules|file:\/\/|(?:\/[\w.@-]+){2,}\.[cm]?[jt]sx?\b|\.[cm]?[jt]sx?:\d+/;

/** Why `text` looks like it leaks a stack trace or a file path, or null. */
export function stackTraceIn(text: string): string | null {
  const match = STACK_TRACE_RE.exec(text);
  return match ? `stack trace text ${JSON.stringify(match[0])} in ${text.slice(0, 300)}` : null;
}

/** Problems with a node's error answer: Lit's JSON with this status and a code and message. */
export function litErrorProblems(status: number, body: unknown): string[] {
  const problems: string[] = [];
  if (status < 400 || status > 499) problems.push(`status ${status}, expected 4xx`);
  if (!isPlainObject(body)) return [...problems, 'body is not a JSON object'];
  const b = body as Record<string, unknown>;
  if (typeof b.errorCode !== 'string' || b.errorCode === '') problems.push('no errorCode');
  if (typeof b.message !== 'string' || b.message === '') problems.push('no message');
  if (!(LIT_ERROR_KINDS as readonly unknown[]).includes(b.errorKind)) problems.push('errorKind');
  if (b.status !== status) problems.push(`status field ${String(b.status)} ≠ HTTP ${status}`);
  if (typeof b.correlationId !== 'string' || b.correlationId === '') problems.push('correlationId');
  if (!Array.isArray(b.details) || !b.details.every((d) => typeof d === 'string'))
    problems.push('details is not an array of strings');
  const extra = Object.keys(b).filter(
    (k) => !['errorKind', 'errorCode', 'status', 'message', 'correlationId', 'details'].includes(k),
  );
  if (extra.length > 0) problems.push(`unexpected keys ${extra.join(', ')}`);
  return problems;
}

/** Problems with an admin API error answer: `{error: {code, message}}` with a 4xx status. */
export function adminErrorProblems(status: number, body: unknown): string[] {
  const problems: string[] = [];
  if (status < 400 || status > 499) problems.push(`status ${status}, expected 4xx`);
  const error = isPlainObject(body) ? (body as { error?: unknown }).error : undefined;
  if (!isPlainObject(error) || Object.keys(body as object).length !== 1)
    return [...problems, 'body is not {error}'];
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'string' || !/^[a-z_]+$/.test(e.code)) problems.push('error.code');
  if (typeof e.message !== 'string' || e.message === '') problems.push('error.message');
  return problems;
}

/** Problems with one JSON-RPC 2.0 response object. */
export function jsonRpcResponseProblems(response: unknown): string[] {
  if (!isPlainObject(response)) return ['response is not an object'];
  const r = response as Record<string, unknown>;
  const problems: string[] = [];
  if (r.jsonrpc !== '2.0') problems.push('jsonrpc ≠ "2.0"');
  if (!('id' in r) || !(r.id === null || ['string', 'number'].includes(typeof r.id)))
    problems.push('id');
  if ('result' in r === 'error' in r) problems.push('exactly one of result and error');
  if ('error' in r) {
    const e = r.error as Record<string, unknown> | null;
    if (!isPlainObject(e)) return [...problems, 'error is not an object'];
    if (!Number.isInteger(e!.code)) problems.push('error.code is not an integer');
    if (typeof e!.message !== 'string' || e!.message === '') problems.push('error.message');
  }
  return problems;
}

/** Text that is not base64 of UTF-8 (bad alphabet, bad padding, invalid UTF-8 inside). */
export const invalidBase64Text = fc.constantFrom(
  'not base64!',
  'QUJD=',
  '====',
  Buffer.from([0xff, 0xfe, 0xfd]).toString('base64'),
);
