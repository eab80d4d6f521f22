// Sign-In with Ethereum (EIP-4361): build the exact text the `siwe` package's `prepareMessage()`
// produces (Lit signs that), parse strictly with the grammar `siwe` itself uses, and verify.
import { ParsedMessage } from '@spruceid/siwe-parser';
import { eip191Hash, isChecksumAddress, recoverAddress } from './ethereum';
import { compareInstants, instantFromMillis, parseRfc3339 } from './rfc3339';
import { readCommonSiwe } from './siwe-fast-read';

/** The fields of a SIWE message, named as in the `siwe` package. */
export interface SiweFields {
  scheme?: string;
  domain: string;
  address: string;
  statement?: string;
  uri: string;
  version: '1';
  chainId: number;
  nonce: string;
  issuedAt: string;
  expirationTime?: string;
  notBefore?: string;
  requestId?: string;
  resources?: string[];
}

/** Longest SIWE text we parse: the grammar parser is slow on megabytes, and real ones are < 8 KB. */
export const MAX_SIWE_LENGTH = 64 * 1024;

const NONCE_RE = /^[a-zA-Z0-9]{8,}$/;
const OPTIONAL_KEYS = ['scheme', 'statement', 'expirationTime', 'notBefore', 'requestId'] as const;

/** Lays out the fields exactly as `siwe@2` `SiweMessage.toMessage()` does; no validation. */
function layout(f: SiweFields): string {
  const header = `${f.scheme ? `${f.scheme}://${f.domain}` : f.domain} wants you to sign in with your Ethereum account:`;
  const suffix = [
    `URI: ${f.uri}`,
    `Version: ${f.version}`,
    `Chain ID: ${f.chainId}`,
    `Nonce: ${f.nonce}`,
    `Issued At: ${f.issuedAt}`,
  ];
  if (f.expirationTime) suffix.push(`Expiration Time: ${f.expirationTime}`);
  if (f.notBefore) suffix.push(`Not Before: ${f.notBefore}`);
  if (f.requestId) suffix.push(`Request ID: ${f.requestId}`);
  if (f.resources) suffix.push(['Resources:', ...f.resources.map((r) => `- ${r}`)].join('\n'));
  const prefix = `${header}\n${f.address}\n\n${f.statement ?? ''}${f.statement ? '\n' : ''}`;
  return `${prefix}\n${suffix.join('\n')}`;
}

function checkFields(f: SiweFields): void {
  if (typeof f !== 'object' || f === null)
    throw new TypeError('SIWE: expected an object of fields');
  const str = (v: unknown, name: string) => {
    if (typeof v !== 'string') throw new TypeError(`SIWE ${name}: expected a string`);
  };
  str(f.domain, 'domain');
  if (f.domain.length === 0) throw new TypeError('SIWE domain: must not be empty');
  if (!isChecksumAddress(f.address)) {
    throw new TypeError('SIWE address: expected an EIP-55 checksummed 0x address');
  }
  str(f.uri, 'uri');
  if (f.version !== '1') throw new TypeError('SIWE version: must be "1"');
  if (!Number.isSafeInteger(f.chainId) || f.chainId < 0) {
    throw new TypeError('SIWE chainId: expected a non-negative integer');
  }
  str(f.nonce, 'nonce');
  str(f.issuedAt, 'issuedAt');
  if (!NONCE_RE.test(f.nonce)) throw new TypeError('SIWE nonce: expected 8+ letters or digits');
  for (const key of ['issuedAt', 'expirationTime', 'notBefore'] as const) {
    if (f[key] !== undefined && parseRfc3339(f[key]) === undefined) {
      throw new TypeError(`SIWE ${key}: expected an RFC 3339 date-time`);
    }
  }
  for (const key of ['scheme', 'statement', 'requestId'] as const) {
    if (f[key] !== undefined) str(f[key], key);
  }
  if (f.resources !== undefined) {
    if (!Array.isArray(f.resources)) throw new TypeError('SIWE resources: expected an array');
    f.resources.forEach((r, i) => str(r, `resources[${i}]`));
  }
}

function sameFields(a: SiweFields, b: SiweFields): boolean {
  const keys = [
    'domain',
    'address',
    'uri',
    'version',
    'chainId',
    'nonce',
    'issuedAt',
    ...OPTIONAL_KEYS,
  ] as const;
  // An empty statement lays out exactly like no statement; the parser reports it as absent.
  const norm = (f: SiweFields, k: (typeof keys)[number]) =>
    k === 'statement' && f[k] === '' ? undefined : f[k];
  if (keys.some((k) => norm(a, k) !== norm(b, k))) return false;
  const ra = a.resources;
  const rb = b.resources;
  if (ra === undefined || rb === undefined) return ra === rb;
  return ra.length === rb.length && ra.every((r, i) => r === rb[i]);
}

/**
 * Builds the EIP-4361 text, byte-identical to `new SiweMessage(fields).prepareMessage()` from
 * `siwe@2`. Throws on any field that would not survive a strict parse back to the same fields.
 */
export function buildSiweMessage(fields: SiweFields): string {
  checkFields(fields);
  const text = layout(fields);
  const parsed = parseSiweMessage(text);
  if (!sameFields(parsed, fields)) {
    throw new TypeError('SIWE: a field contains text that changes the message structure');
  }
  return text;
}

/**
 * Parses EIP-4361 text strictly: the grammar (ABNF, EIP-55 address, real dates), and the text
 * must be exactly what `buildSiweMessage` makes of its fields (no leading zeros, no variants).
 */
export function parseSiweMessage(text: string): SiweFields {
  if (typeof text !== 'string') throw new TypeError('SIWE: expected a string');
  if (text.length > MAX_SIWE_LENGTH)
    throw new TypeError(`SIWE: longer than ${MAX_SIWE_LENGTH} characters`);
  const fields = readCommonSiwe(text) ?? parseSiweWithGrammar(text);
  if (typeof fields.issuedAt !== 'string' || parseRfc3339(fields.issuedAt) === undefined) {
    throw new TypeError('SIWE issuedAt: expected an RFC 3339 date-time');
  }
  for (const key of ['expirationTime', 'notBefore'] as const) {
    if (fields[key] !== undefined && parseRfc3339(fields[key]) === undefined) {
      throw new TypeError(`SIWE ${key}: expected an RFC 3339 date-time`);
    }
  }
  if (!Number.isSafeInteger(fields.chainId) || layout(fields) !== text) {
    throw new TypeError('SIWE: not in canonical form (e.g. leading zeros in a number)');
  }
  return fields;
}

/**
 * The grammar parser alone (what `parseSiweMessage` falls back to when the fast reader declines):
 * exported for the test that holds the fast reader to it.
 */
export function parseSiweWithGrammar(text: string): SiweFields {
  let p: ParsedMessage;
  try {
    p = new ParsedMessage(text);
  } catch (e) {
    throw new TypeError(`SIWE: ${String((e as Error)?.message ?? e).split('\n')[0]}`, {
      cause: e,
    });
  }
  if (p.version !== '1') throw new TypeError('SIWE version: must be "1"');
  const fields: SiweFields = {
    domain: p.domain,
    address: p.address,
    uri: p.uri,
    version: '1',
    chainId: p.chainId,
    nonce: p.nonce,
    issuedAt: p.issuedAt,
  };
  for (const key of OPTIONAL_KEYS) if (p[key] !== undefined) fields[key] = p[key];
  if (p.resources !== undefined) fields.resources = [...p.resources];
  return fields;
}

/** The checksummed address that signed `message` (EIP-191) with a 65-byte signature. */
export function recoverSiweSigner(message: string, signature: string | Uint8Array): string {
  if (typeof message !== 'string') throw new TypeError('message: expected a string');
  return recoverAddress(eip191Hash(message), signature);
}

export type SiweVerification =
  { ok: true; fields: SiweFields; signer: string } | { ok: false; reason: string };

/**
 * Verifies a signed SIWE message as the `siwe` package does: strict parse, then
 * `now < expirationTime` and `now ≥ notBefore` (`now` in ms, default `Date.now()`), then the
 * EIP-191 signer equals `address`. Never throws.
 */
export function verifySiweMessage(
  message: string,
  signature: string | Uint8Array,
  options: { now?: () => number } = {},
): SiweVerification {
  let fields: SiweFields;
  try {
    fields = parseSiweMessage(message);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const nowMs = typeof options?.now === 'function' ? options.now() : Date.now();
  if (!Number.isFinite(nowMs)) return { ok: false, reason: 'now: not a time' };
  const now = instantFromMillis(nowMs);
  const exp = fields.expirationTime ? parseRfc3339(fields.expirationTime) : undefined;
  if (exp && compareInstants(now, exp) >= 0) return { ok: false, reason: 'SIWE message expired' };
  const nbf = fields.notBefore ? parseRfc3339(fields.notBefore) : undefined;
  if (nbf && compareInstants(now, nbf) < 0)
    return { ok: false, reason: 'SIWE message not yet valid' };
  let signer: string;
  try {
    signer = recoverSiweSigner(message, signature);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  if (signer !== fields.address) {
    return { ok: false, reason: `signer ${signer} is not the message address ${fields.address}` };
  }
  return { ok: true, fields, signer };
}
