// The conditions of a request as a node reads them: Lit's canonical form (what is hashed into the
// resource id) with `!=`/`!contains` allowed, and unified conditions typed by their shape, since
// Lit's SDK sends them canonical, that is without `conditionType`.
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalConditions, type ConditionsKind } from '../../protocol/access-control';
import { toHex, utf8 } from '../../protocol/bytes';
import { LitNodeError } from '../../protocol/errors';

/** Conditions one request may carry: each is an RPC or DB read, so the work stays bounded. */
export const MAX_CONDITIONS = 64;

export interface RequestConditions {
  kind: ConditionsKind;
  /** Canonical form: what the evaluator walks and what a JWT payload carries. */
  canonical: unknown[];
  /** Lowercase hex sha256 of the canonical JSON. */
  hashHex: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The unified `conditionType` a condition's keys imply (only used when it has none). */
function typeByShape(item: Record<string, unknown>): string {
  if ('functionAbi' in item) return 'evmContract';
  if ('pdaInterface' in item || ('method' in item && 'params' in item)) return 'solRpc';
  if ('path' in item) return 'cosmos';
  return 'evmBasic';
}

function typed(list: unknown, depth: number): unknown {
  if (!Array.isArray(list) || depth > 64) return list;
  return list.map((item: unknown) => {
    if (Array.isArray(item)) return typed(item, depth + 1);
    if (!isObject(item) || 'operator' in item || item.conditionType !== undefined) return item;
    return { ...item, conditionType: typeByShape(item) };
  });
}

function countConditions(list: readonly unknown[]): number {
  return list.reduce<number>(
    (n, item) =>
      n +
      (Array.isArray(item) ? countConditions(item) : isObject(item) && 'operator' in item ? 0 : 1),
    0,
  );
}

/** Validates and hashes `conditions` of `kind`; a LitNodeError (400) names what is wrong. */
export function readConditions(kind: ConditionsKind, conditions: unknown): RequestConditions {
  const input = kind === 'unifiedAccessControlConditions' ? typed(conditions, 0) : conditions;
  let canonical: unknown[];
  try {
    canonical = canonicalConditions(kind, input, { nodeComparators: true });
  } catch (error) {
    throw new LitNodeError('NodeParserError', [(error as Error).message], {
      message: 'Invalid access control conditions',
    });
  }
  const count = countConditions(canonical);
  if (count > MAX_CONDITIONS) {
    throw new LitNodeError(
      'NodeParserError',
      [`${kind}: ${count} conditions, at most ${MAX_CONDITIONS}`],
      {
        message: 'Invalid access control conditions',
      },
    );
  }
  // hashConditions' definition, without canonicalizing a second time.
  const hashHex = toHex(sha256(utf8(JSON.stringify(canonical))));
  return { kind, canonical, hashHex };
}
