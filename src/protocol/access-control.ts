// Access-control conditions: their canonical form and hash exactly as Lit's SDK computes them
// (hashAccessControlConditions & co.), the data hash, and the identity a ciphertext is bound to.
import { describeValue } from './describe-value';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  canonicalCosmos,
  canonicalEvmBasic,
  canonicalEvmContract,
  canonicalSolRpc,
  isPlainObject,
  type JsonObject,
} from './access-control-shapes';
import { COMPARATORS, NODE_COMPARATORS } from './access-control-names';
import { toHex, utf8 } from './bytes';

/** The four ways a request carries conditions, in the order Lit's SDK looks for them. */
export const CONDITION_KINDS = [
  'accessControlConditions',
  'evmContractConditions',
  'solRpcConditions',
  'unifiedAccessControlConditions',
] as const;
export type ConditionsKind = (typeof CONDITION_KINDS)[number];

const UNIFIED_TYPES = ['evmBasic', 'evmContract', 'solRpc', 'cosmos'];
// serde_json's default recursion limit on the node is 128; no real condition nests this deep.
const MAX_DEPTH = 32;

function fail(path: string, message: string): never {
  throw new TypeError(`${path}: ${message}`);
}

export interface CanonicalConditionsOptions {
  /** Also accept `!=` and `!contains`, which Lit's nodes evaluate but its SDK refuses. */
  nodeComparators?: boolean;
}

function condition(
  item: unknown,
  path: string,
  kind: ConditionsKind,
  cmp: readonly string[],
): JsonObject {
  switch (kind) {
    case 'accessControlConditions':
      return canonicalEvmBasic(item, path, cmp);
    case 'evmContractConditions':
      return canonicalEvmContract(item, path, cmp);
    case 'solRpcConditions':
      return canonicalSolRpc(item, path, false, cmp);
    case 'unifiedAccessControlConditions': {
      if (!isPlainObject(item)) return canonicalEvmBasic(item, path, cmp);
      const type = item.conditionType;
      if (type === 'evmBasic') return canonicalEvmBasic(item, path, cmp);
      if (type === 'evmContract') return canonicalEvmContract(item, path, cmp);
      if (type === 'solRpc') return canonicalSolRpc(item, path, true, cmp);
      if (type === 'cosmos') return canonicalCosmos(item, path, cmp);
      return fail(
        `${path}.conditionType`,
        `expected one of ${UNIFIED_TYPES.map((t) => `"${t}"`).join(', ')}, got ${JSON.stringify(type) ?? 'nothing'}`,
      );
    }
  }
}

/** A boolean expression: condition (operator condition)*, where a nested array is a group. */
function expression(
  list: unknown,
  path: string,
  kind: ConditionsKind,
  depth: number,
  cmp: readonly string[],
): unknown[] {
  if (!Array.isArray(list)) return fail(path, 'expected an array of conditions');
  if (list.length === 0) fail(path, 'expected at least one condition');
  if (depth > MAX_DEPTH) fail(path, `groups nested deeper than ${MAX_DEPTH}`);
  if (list.length % 2 === 0) fail(path, 'must end with a condition, not an operator');
  // Array.from visits holes too (as undefined), which are then refused.
  return Array.from(list as unknown[], (item, i) => {
    const p = `${path}[${i}]`;
    const isOperator = isPlainObject(item) && Object.hasOwn(item, 'operator');
    if (i % 2 === 1) {
      if (!isOperator) fail(p, 'expected {"operator": "and" | "or"} between two conditions');
      const keys = Object.keys(item);
      if (keys.length !== 1) fail(p, 'an operator object has only the key "operator"');
      if (item.operator !== 'and' && item.operator !== 'or') {
        fail(`${p}.operator`, `expected "and" or "or", got ${JSON.stringify(item.operator)}`);
      }
      return { operator: item.operator };
    }
    if (isOperator) fail(p, 'expected a condition or a group here, not an operator');
    if (Array.isArray(item)) return expression(item, p, kind, depth + 1, cmp);
    return condition(item, p, kind, cmp);
  });
}

function assertKind(kind: unknown): asserts kind is ConditionsKind {
  if (!CONDITION_KINDS.includes(kind as ConditionsKind)) {
    throw new TypeError(
      `kind: expected one of ${CONDITION_KINDS.join(', ')}, got ${describeValue(kind)}`,
    );
  }
}

/**
 * Validates `conditions` against Lit's schemas and boolean-expression rules and returns them in
 * Lit's canonical form (fixed key order, unhashed fields such as `conditionType` dropped).
 * Throws a TypeError naming the path of the first problem.
 */
export function canonicalConditions(
  kind: ConditionsKind,
  conditions: unknown,
  options: CanonicalConditionsOptions = {},
): unknown[] {
  assertKind(kind);
  const cmp = options?.nodeComparators === true ? NODE_COMPARATORS : COMPARATORS;
  return expression(conditions, kind, kind, 0, cmp);
}

/** `sha256(utf8(JSON.stringify(canonical form)))`: the conditions part of a resource id. */
export function hashConditions(
  kind: ConditionsKind,
  conditions: unknown,
  options: CanonicalConditionsOptions = {},
): Uint8Array {
  return sha256(utf8(JSON.stringify(canonicalConditions(kind, conditions, options))));
}

/** Lowercase hex sha256 of the plaintext: Lit's `dataToEncryptHash`. */
export function hashData(data: Uint8Array): string {
  if (!(data instanceof Uint8Array)) throw new TypeError('data: expected a Uint8Array');
  return toHex(sha256(data));
}

const HASH_HEX = /^[0-9a-f]{64}$/;

/**
 * The identity a ciphertext is encrypted to and the nodes sign for decryption:
 * `utf8("lit-accesscontrolcondition://" + conditionsHashHex + "/" + dataHashHex)`.
 * Both hashes are 64 lowercase hex chars, as Lit writes them.
 */
export function encryptionIdentity(conditionsHashHex: string, dataHashHex: string): Uint8Array {
  if (typeof conditionsHashHex !== 'string' || !HASH_HEX.test(conditionsHashHex)) {
    throw new TypeError('conditionsHashHex: expected 64 lowercase hex characters (a sha256)');
  }
  if (typeof dataHashHex !== 'string' || !HASH_HEX.test(dataHashHex)) {
    throw new TypeError('dataHashHex: expected 64 lowercase hex characters (a sha256)');
  }
  return utf8(`lit-accesscontrolcondition://${conditionsHashHex}/${dataHashHex}`);
}

/**
 * Picks the conditions out of a request body or SDK params the way Lit does: the first of
 * CONDITION_KINDS that is set wins. Throws when none is.
 */
export function conditionsOf(params: unknown): { kind: ConditionsKind; conditions: unknown } {
  if (!isPlainObject(params)) throw new TypeError('params: expected an object');
  for (const kind of CONDITION_KINDS) {
    // Lit tests truthiness, so an empty string or null falls through to the next kind.
    if (params[kind]) return { kind, conditions: params[kind] };
  }
  throw new TypeError(`params: expected one of ${CONDITION_KINDS.join(', ')}`);
}
