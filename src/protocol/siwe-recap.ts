// SIWE messages that carry a ReCap, built exactly as Lit's `createSiweMessage` /
// `createSiweMessageWithRecaps` build them (siwe + siwe-recap), and recaps read back out.
import {
  isAbilityForPrefix,
  type LitResourceAbilityRequest,
  recapAbilityFor,
  resourceKey,
} from './resources';
import {
  decodeRecap,
  encodeRecap,
  mergeRecaps,
  type NotaBene,
  type Recap,
  RECAP_URN_PREFIX,
  recapStatement,
} from './recap';
import { buildSiweMessage, type SiweFields } from './siwe';

/** The statement Lit's `createSiweMessage` uses when none is given. */
export const LIT_DEFAULT_STATEMENT =
  'This is a test statement.  You can put anything you want here.';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Adds a recap to SIWE fields as `siwe-recap` `add_to_siwe_message` does: merged into the last
 * resource when that is a recap the statement already ends with, else appended with its text.
 */
export function addRecapToSiwe(fields: SiweFields, recap: Recap): SiweFields {
  if (typeof fields !== 'object' || fields === null)
    throw new TypeError('fields: expected SIWE fields');
  if (fields.statement !== undefined && typeof fields.statement !== 'string') {
    throw new TypeError('fields.statement: expected a string');
  }
  if (
    fields.resources !== undefined &&
    (!Array.isArray(fields.resources) || !fields.resources.every((r) => typeof r === 'string'))
  ) {
    throw new TypeError('fields.resources: expected an array of strings');
  }
  const out: SiweFields = {
    ...fields,
    ...(fields.resources ? { resources: [...fields.resources] } : {}),
  };
  const last = out.resources?.[out.resources.length - 1];
  let existing: Recap | undefined;
  if (out.statement !== undefined && last !== undefined) {
    try {
      existing = decodeRecap(last);
    } catch {
      existing = undefined;
    }
  }
  if (existing && out.statement!.endsWith(recapStatement(existing))) {
    const merged = mergeRecaps(existing, recap);
    const previous = recapStatement(existing);
    out.statement = out.statement!.slice(0, -previous.length) + recapStatement(merged);
    out.resources![out.resources!.length - 1] = encodeRecap(merged);
    return out;
  }
  const text = recapStatement(recap);
  out.statement = out.statement === undefined ? text : `${out.statement} ${text}`;
  out.resources = [...(out.resources ?? []), encodeRecap(recap)];
  return out;
}

/** The one-resource recap Lit makes for a request: `{key: {"Ns/Ab": [data ?? {}]}}`. */
export function recapForRequest(request: LitResourceAbilityRequest): Recap {
  const { resource, ability, data } = request ?? ({} as LitResourceAbilityRequest);
  if (typeof resource?.resource !== 'string' || typeof resource.resourcePrefix !== 'string') {
    throw new TypeError('resource: expected {resource, resourcePrefix} strings');
  }
  if (!isAbilityForPrefix(resource.resourcePrefix, ability)) {
    throw new TypeError(
      `ability ${String(ability)} does not apply to ${resource.resourcePrefix} resources`,
    );
  }
  const nb: NotaBene = data ? (data as NotaBene) : {};
  return { att: { [resourceKey(resource)]: { [recapAbilityFor(ability)!]: [nb] } }, prf: [] };
}

export interface SiweWithRecapsParams {
  walletAddress: string;
  nonce: string;
  /** Default `https://localhost/login`, as Lit's. */
  uri?: string;
  /** Default `localhost`. */
  domain?: string;
  /** Default Lit's test statement; the recap text is appended after a space. */
  statement?: string;
  /** Default one week after `issuedAt`. */
  expiration?: string;
  /** Default `now()` as an ISO string (what `siwe` does with the clock). */
  issuedAt?: string;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  chainId?: number;
  resources?: LitResourceAbilityRequest[];
}

/** Byte-identical to Lit's `createSiweMessageWithRecaps` (and `createSiweMessage`) output. */
export function createSiweMessageWithRecaps(params: SiweWithRecapsParams): string {
  if (typeof params !== 'object' || params === null) throw new TypeError('expected parameters');
  if (!params.walletAddress) throw new TypeError('walletAddress is required');
  const nowMs = (params.now ?? Date.now)();
  let fields: SiweFields = {
    domain: params.domain ?? 'localhost',
    address: params.walletAddress,
    statement: params.statement ?? LIT_DEFAULT_STATEMENT,
    uri: params.uri ?? 'https://localhost/login',
    version: '1',
    chainId: params.chainId ?? 1,
    nonce: params.nonce,
    issuedAt: params.issuedAt ?? new Date(nowMs).toISOString(),
    expirationTime: params.expiration ?? new Date(nowMs + WEEK_MS).toISOString(),
  };
  if (params.resources !== undefined) {
    if (!Array.isArray(params.resources) || params.resources.length === 0) {
      throw new TypeError('resources: expected a non-empty array');
    }
    for (const request of params.resources)
      fields = addRecapToSiwe(fields, recapForRequest(request));
  }
  return buildSiweMessage(fields);
}

/**
 * Every recap of a SIWE message, as a node reads them: each `urn:recap:` resource that decodes
 * (strictly); the others are skipped, like the node's `extract_and_verify_all_capabilities`.
 */
export function extractRecaps(fields: SiweFields): Recap[] {
  const out: Recap[] = [];
  const resources: unknown = fields?.resources;
  for (const r of Array.isArray(resources) ? resources : []) {
    if (typeof r !== 'string' || !r.startsWith(RECAP_URN_PREFIX)) continue;
    try {
      out.push(decodeRecap(r));
    } catch {
      // An undecodable recap grants nothing; the node drops it the same way.
    }
  }
  return out;
}
