// ReCap (EIP-5573): the `urn:recap:` resource of a SIWE message, its statement text and the
// grant check, identical to `siwe-recap` (which Lit's SDK uses) and to Lit's wildcard rules.
import { base58, base64urlnopad } from '@scure/base';
import { fromUtf8, utf8 } from './bytes';
import { type LitResource, recapAbilityFor } from './resources';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** Nota bene: restrictions on one ability; `{}` means unrestricted. */
export type NotaBene = { [key: string]: JsonValue };
/** `{ "<resource URI>": { "<Namespace>/<Ability>": [nota bene, …] } }` */
export type Attenuations = { [resource: string]: { [ability: string]: NotaBene[] } };

export interface Recap {
  att: Attenuations;
  /** Proof CIDs as base58btc CIDv1 strings (`z…`); Lit always sends none. */
  prf: string[];
}

export const RECAP_URN_PREFIX = 'urn:recap:';
export const RECAP_STATEMENT_PREFIX =
  'I further authorize the stated URI to perform the following actions on my behalf: ';

const ABILITY_RE = /^[a-zA-Z0-9.*_+-]+\/[a-zA-Z0-9.*_+-]+$/;
const URI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

const MAX_DEPTH = 256;

function canonical(value: unknown, depth: number, open: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON: numbers must be finite');
    return JSON.stringify(value);
  }
  if (typeof value !== 'object')
    throw new TypeError(`canonical JSON: not a JSON value (${typeof value})`);
  if (depth > MAX_DEPTH) throw new TypeError(`canonical JSON: nested deeper than ${MAX_DEPTH}`);
  if (open.has(value)) throw new TypeError('canonical JSON: cyclic value');
  open.add(value);
  try {
    if (Array.isArray(value))
      return `[${value.map((v) => canonical(v, depth + 1, open)).join(',')}]`;
    if (!isPlainObject(value)) throw new TypeError('canonical JSON: not a plain object');
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k], depth + 1, open)}`).join(',')}}`;
  } finally {
    open.delete(value);
  }
}

/** RFC 8785-style canonical JSON: keys sorted by UTF-16 code units, no whitespace. */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0, new Set());
}

function isCidV1(s: string): boolean {
  if (!/^z[1-9A-HJ-NP-Za-km-z]+$/.test(s)) return false;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(s.slice(1));
  } catch {
    return false;
  }
  // version 1 ‖ codec varint ‖ multihash (code varint ‖ length varint ‖ digest)
  let i = 0;
  const readVarint = (): number | undefined => {
    let n = 0;
    for (let shift = 0; shift < 28 && i < bytes.length; shift += 7) {
      const b = bytes[i++]!;
      n |= (b & 0x7f) << shift;
      if (b < 0x80) return n;
    }
    return undefined;
  };
  if (readVarint() !== 1 || readVarint() === undefined || readVarint() === undefined) return false;
  const len = readVarint();
  return len !== undefined && bytes.length - i === len;
}

/** Throws a precise TypeError unless `recap` has the shape EIP-5573 and `siwe-recap` require. */
export function checkRecap(recap: unknown): asserts recap is Recap {
  if (!isPlainObject(recap)) throw new TypeError('recap: expected an object {att, prf}');
  const keys = Object.keys(recap);
  if (keys.length !== 2 || !has(recap, 'att') || !has(recap, 'prf')) {
    throw new TypeError('recap: expected exactly the keys att and prf');
  }
  const { att, prf } = recap;
  if (!isPlainObject(att)) throw new TypeError('recap att: expected an object');
  for (const [resource, abilities] of Object.entries(att)) {
    if (!URI_RE.test(resource))
      throw new TypeError(
        `recap att: resource is not a URI: ${JSON.stringify(resource.slice(0, 80))}`,
      );
    if (!isPlainObject(abilities))
      throw new TypeError(`recap att[${resource}]: expected an object`);
    for (const [ability, notaBene] of Object.entries(abilities)) {
      if (!ABILITY_RE.test(ability))
        throw new TypeError(`recap: invalid ability ${JSON.stringify(ability.slice(0, 80))}`);
      if (!Array.isArray(notaBene) || !notaBene.every(isPlainObject)) {
        throw new TypeError(`recap att[${resource}][${ability}]: expected an array of objects`);
      }
    }
  }
  if (!Array.isArray(prf) || !prf.every((p) => typeof p === 'string' && isCidV1(p))) {
    throw new TypeError('recap prf: expected an array of base58btc CIDv1 strings');
  }
  canonicalJson(recap); // every nota bene must be plain JSON
}

/** `urn:recap:` + base64url (no padding) of the canonical JSON `{"att":…,"prf":[…]}`. */
export function encodeRecap(recap: Recap): string {
  checkRecap(recap);
  return RECAP_URN_PREFIX + base64urlnopad.encode(utf8(canonicalJson(recap)));
}

/**
 * Decodes a `urn:recap:` URN strictly: base64url without padding, UTF-8, JSON in exactly its
 * canonical form (sorted keys, no whitespace, no duplicates), and the EIP-5573 shape.
 */
export function decodeRecap(urn: string): Recap {
  if (typeof urn !== 'string' || !urn.startsWith(RECAP_URN_PREFIX)) {
    throw new TypeError('recap: expected a string starting with urn:recap:');
  }
  let text: string;
  try {
    text = fromUtf8(base64urlnopad.decode(urn.slice(RECAP_URN_PREFIX.length)));
  } catch {
    throw new TypeError('recap: not base64url without padding of UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError('recap: not JSON');
  }
  checkRecap(value);
  if (canonicalJson(value) !== text) {
    throw new TypeError('recap: JSON is not canonical (unsorted or duplicate keys, or whitespace)');
  }
  return value;
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Merges `b` into `a` as `siwe-recap` `Recap.merge` does: an ability whose restrictions are all
 * empty is replaced by `b`'s, otherwise `b`'s are appended; proofs are deduplicated.
 */
export function mergeRecaps(a: Recap, b: Recap): Recap {
  checkRecap(a);
  checkRecap(b);
  const out = copy(a);
  for (const p of b.prf) if (!out.prf.includes(p)) out.prf.push(p);
  for (const [resource, abilities] of Object.entries(copy(b.att))) {
    const existing = has(out.att, resource) ? out.att[resource] : undefined;
    if (!existing) {
      out.att[resource] = abilities;
      continue;
    }
    for (const [ability, restrictions] of Object.entries(abilities)) {
      const ex = has(existing, ability) ? existing[ability] : undefined;
      if (!ex || ex.length === 0 || ex.every((r) => Object.keys(r).length === 0)) {
        existing[ability] = restrictions;
      } else {
        ex.push(...restrictions);
      }
    }
  }
  return out;
}

/**
 * The statement text of a recap, exactly as `siwe-recap` writes it:
 * `I further authorize … on my behalf: (1) 'Ns': 'a', 'b' for 'resource'. (2) …`
 */
export function recapStatement(recap: Recap): string {
  checkRecap(recap);
  let statement = RECAP_STATEMENT_PREFIX;
  let section = 1;
  for (const resource of Object.keys(recap.att).sort()) {
    // A plain object keeps siwe-recap's grouping order (integer-like namespaces first).
    const grouped: Record<string, string[]> = Object.create(null);
    for (const ability of Object.keys(recap.att[resource]!).sort()) {
      const [namespace, name] = ability.split('/') as [string, string];
      (grouped[namespace] ??= []).push(name);
    }
    for (const [namespace, names] of Object.entries(grouped)) {
      statement += `(${section}) '${namespace}': ${names.map((n) => `'${n}'`).join(', ')} for '${resource}'. `;
      section += 1;
    }
  }
  return statement.slice(0, -1);
}

/**
 * Lit's grant check: the key `<prefix>://*` is tried first, then `<prefix>://<id>`; the first
 * present decides, granting when it lists `*∕*` or the ability's `Namespace/Ability`.
 */
export function recapGrants(recap: Recap, resource: LitResource, ability: string): boolean {
  const wanted = recapAbilityFor(ability);
  if (wanted === undefined || typeof resource?.resourcePrefix !== 'string') return false;
  if (!isPlainObject(recap) || !isPlainObject(recap.att)) return false;
  const keys = [
    `${resource.resourcePrefix}://*`,
    `${resource.resourcePrefix}://${resource.resource}`,
  ];
  const key = keys.find((k) => has(recap.att, k));
  if (key === undefined) return false;
  const abilities = recap.att[key];
  return isPlainObject(abilities) && (has(abilities, '*/*') || has(abilities, wanted));
}
