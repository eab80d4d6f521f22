// One access-control condition of each type, checked against Lit's schemas (@lit-protocol/accs-schemas)
// and rebuilt in the key order of Lit's canonical formatters (access-control-conditions/canonicalFormatter).
import {
  COMPARATORS,
  COSMOS_CHAINS,
  EVM_CHAINS,
  SOLANA_CHAINS,
  STANDARD_CONTRACT_TYPES,
} from './access-control-names';

export type JsonObject = { [key: string]: unknown };

/** A plain object (JSON-like): not an array, a class instance or null. */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Drops keys whose value is undefined, as JSON.stringify does, so the form is plain JSON. */
function defined(obj: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

function fail(path: string, message: string): never {
  throw new TypeError(`${path}: ${message}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value);
  return `a ${typeof value}`;
}

/** Requires a plain object whose defined keys are all in `required` ∪ `optional`. */
function object(
  value: unknown,
  path: string,
  required: string[],
  optional: string[] = [],
): JsonObject {
  if (!isPlainObject(value)) fail(path, `expected an object, got ${describe(value)}`);
  const allowed = new Set([...required, ...optional]);
  // Lit's schemas say additionalProperties: false, so an unknown key is an error, as in Lit's SDK.
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) fail(path, `unexpected key ${JSON.stringify(key)}`);
  }
  for (const key of required) {
    if (value[key] === undefined) fail(`${path}.${key}`, 'is required');
  }
  return value;
}

function string(obj: JsonObject, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') fail(`${path}.${key}`, `expected a string, got ${describe(v)}`);
  return v;
}

function requiredString(obj: JsonObject, key: string, path: string): string {
  return string(obj, key, path) as string;
}

function oneOf(obj: JsonObject, key: string, path: string, values: readonly string[]): string {
  const v = obj[key];
  if (typeof v !== 'string' || !values.includes(v)) {
    const list =
      values.length > 8
        ? `one of Lit's ${values.length} names`
        : values.map((x) => JSON.stringify(x)).join(', ');
    fail(`${path}.${key}`, `expected ${list}, got ${describe(v)}`);
  }
  return v;
}

function strings(obj: JsonObject, key: string, path: string): string[] | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) fail(`${path}.${key}`, `expected an array of strings, got ${describe(v)}`);
  // Array.from visits holes too: a sparse array is not a list of strings.
  return Array.from(v as unknown[], (item, i) => {
    if (typeof item !== 'string') {
      fail(`${path}.${key}[${i}]`, `expected a string, got ${describe(item)}`);
    }
    return item;
  });
}

/** A JSON value with no undefined, functions, bigints, non-finite numbers or class instances. */
function jsonValue(value: unknown, path: string, depth = 0): unknown {
  if (depth > 64) fail(path, 'nested too deeply');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, 'expected a finite number');
    return value;
  }
  if (Array.isArray(value)) {
    return Array.from(value as unknown[], (v, i) => jsonValue(v, `${path}[${i}]`, depth + 1));
  }
  if (isPlainObject(value)) {
    // A null prototype keeps an own "__proto__" key as data, as JSON.stringify of the input would.
    const out = Object.create(null) as JsonObject;
    for (const [k, v] of Object.entries(value)) out[k] = jsonValue(v, `${path}.${k}`, depth + 1);
    return out;
  }
  return fail(path, `expected a JSON value, got ${describe(value)}`);
}

function conditionType(obj: JsonObject, path: string, expected: string): void {
  const v = obj.conditionType;
  if (v !== undefined && v !== expected) {
    fail(`${path}.conditionType`, `expected ${JSON.stringify(expected)} here, got ${describe(v)}`);
  }
}

function returnValueTest(
  obj: JsonObject,
  path: string,
  withKey: boolean,
  comparators: readonly string[],
) {
  const p = `${path}.returnValueTest`;
  const t = object(
    obj.returnValueTest,
    p,
    withKey ? ['key', 'comparator', 'value'] : ['comparator', 'value'],
  );
  const comparator = oneOf(t, 'comparator', p, comparators);
  const value = requiredString(t, 'value', p);
  return withKey ? { key: requiredString(t, 'key', p), comparator, value } : { comparator, value };
}

/** Basic EVM condition (`evmBasic`). */
export function canonicalEvmBasic(
  value: unknown,
  path: string,
  comparators: readonly string[] = COMPARATORS,
): JsonObject {
  const c = object(
    value,
    path,
    ['contractAddress', 'chain', 'standardContractType', 'method', 'parameters', 'returnValueTest'],
    ['conditionType'],
  );
  conditionType(c, path, 'evmBasic');
  return {
    contractAddress: requiredString(c, 'contractAddress', path),
    chain: oneOf(c, 'chain', path, EVM_CHAINS),
    standardContractType: oneOf(c, 'standardContractType', path, STANDARD_CONTRACT_TYPES),
    method: requiredString(c, 'method', path),
    parameters: strings(c, 'parameters', path),
    returnValueTest: returnValueTest(c, path, false, comparators),
  };
}

function abiParams(fn: JsonObject, key: string, path: string) {
  const p = `${path}.${key}`;
  const list = fn[key];
  if (!Array.isArray(list)) fail(p, `expected an array, got ${describe(list)}`);
  return Array.from(list as unknown[], (item, i) => {
    const param = object(item, `${p}[${i}]`, ['name', 'type'], ['internalType']);
    string(param, 'internalType', `${p}[${i}]`);
    return {
      name: requiredString(param, 'name', `${p}[${i}]`),
      type: requiredString(param, 'type', `${p}[${i}]`),
    };
  });
}

/** EVM contract condition (`evmContract`): the ABI keeps name, inputs, outputs, constant, stateMutability. */
export function canonicalEvmContract(
  value: unknown,
  path: string,
  comparators: readonly string[] = COMPARATORS,
): JsonObject {
  const c = object(
    value,
    path,
    [
      'contractAddress',
      'chain',
      'functionName',
      'functionParams',
      'functionAbi',
      'returnValueTest',
    ],
    ['conditionType'],
  );
  conditionType(c, path, 'evmContract');
  const p = `${path}.functionAbi`;
  const abi = object(
    c.functionAbi,
    p,
    ['name', 'stateMutability', 'inputs', 'outputs'],
    ['type', 'constant'],
  );
  string(abi, 'type', p);
  if (abi.constant !== undefined && typeof abi.constant !== 'boolean') {
    fail(`${p}.constant`, `expected a boolean, got ${describe(abi.constant)}`);
  }
  return {
    contractAddress: requiredString(c, 'contractAddress', path),
    functionName: requiredString(c, 'functionName', path),
    functionParams: strings(c, 'functionParams', path),
    functionAbi: {
      name: requiredString(abi, 'name', p),
      inputs: abiParams(abi, 'inputs', p),
      outputs: abiParams(abi, 'outputs', p),
      // Lit's formatter defaults a missing `constant` to false.
      constant: abi.constant ?? false,
      stateMutability: requiredString(abi, 'stateMutability', p),
    },
    chain: oneOf(c, 'chain', path, EVM_CHAINS),
    returnValueTest: returnValueTest(c, path, true, comparators),
  };
}

/**
 * Solana RPC condition (`solRpc`). Lit hashes the v2 form (with the PDA fields) when `pdaParams`
 * is present or the condition is unified, and the v1 form (without them) otherwise.
 */
export function canonicalSolRpc(
  value: unknown,
  path: string,
  unified: boolean,
  comparators: readonly string[] = COMPARATORS,
): JsonObject {
  const c = object(
    value,
    path,
    ['method', 'params', 'chain', 'pdaInterface', 'pdaKey', 'returnValueTest'],
    ['conditionType', 'pdaParams'],
  );
  conditionType(c, path, 'solRpc');
  const p = `${path}.pdaInterface`;
  const pda = object(c.pdaInterface, p, ['offset', 'fields']);
  if (typeof pda.offset !== 'number' || !Number.isFinite(pda.offset)) {
    fail(`${p}.offset`, `expected a number, got ${describe(pda.offset)}`);
  }
  if (!isPlainObject(pda.fields))
    fail(`${p}.fields`, `expected an object, got ${describe(pda.fields)}`);
  const method = requiredString(c, 'method', path);
  const params = strings(c, 'params', path);
  const pdaParams = strings(c, 'pdaParams', path);
  const pdaInterface = { offset: pda.offset, fields: jsonValue(pda.fields, `${p}.fields`) };
  const pdaKey = requiredString(c, 'pdaKey', path);
  const chain = oneOf(c, 'chain', path, SOLANA_CHAINS);
  const test = returnValueTest(c, path, true, comparators);
  // Lit tests `'pdaParams' in cond`, so an own key counts even when its value is undefined.
  if (unified || Object.hasOwn(c, 'pdaParams')) {
    return defined({
      method,
      params,
      pdaParams,
      pdaInterface,
      pdaKey,
      chain,
      returnValueTest: test,
    });
  }
  return { method, params, chain, returnValueTest: test };
}

/** Cosmos condition (`cosmos`, unified conditions only). */
export function canonicalCosmos(
  value: unknown,
  path: string,
  comparators: readonly string[] = COMPARATORS,
): JsonObject {
  const c = object(
    value,
    path,
    ['path', 'chain', 'returnValueTest'],
    ['conditionType', 'method', 'parameters'],
  );
  conditionType(c, path, 'cosmos');
  return defined({
    path: requiredString(c, 'path', path),
    chain: oneOf(c, 'chain', path, COSMOS_CHAINS),
    method: string(c, 'method', path),
    parameters: strings(c, 'parameters', path),
    returnValueTest: returnValueTest(c, path, true, comparators),
  });
}
