// The per-message checks of a node's `validate_session_sig` before the capabilities: the session
// key's Ed25519 signature, the signed message's shape, its times and its node address.
import { hexToBytes } from '@noble/hashes/utils.js';
import { type AuthSig, isAuthSig } from './auth-sig';
import { utf8 } from './bytes';
import type { Ed25519Verifier } from './ed25519';
import type { LitNodeErrorCode } from './errors';
import { compareInstants, type Instant, parseRfc3339 } from './rfc3339';
import type { SessionSignedMessage } from './session-sigs';

/** Why a check failed: the node's code and one detail line. */
export interface Problem {
  code: LitNodeErrorCode;
  detail: string;
}

const GRACE_SECONDS = 60;
const MAX_VALIDITY_SECONDS = 30 * 24 * 60 * 60;
const ED25519_SIG_RE = /^[0-9a-fA-F]{128}$/;
const ED25519_KEY_RE = /^[0-9a-fA-F]{64}$/;
// Rust's `str::trim` set (Unicode White_Space), which is not JavaScript's `trim`.
const RUST_TRIM_RE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The node's `prepare_domain_name`: trim, strip every leading `https://` then `http://`,
 * `localhost` → `127.0.0.1`.
 */
export function normalizeNodeAddress(address: string): string {
  if (typeof address !== 'string') throw new TypeError('address: expected a string');
  let s = address.replace(RUST_TRIM_RE, '');
  while (s.startsWith('https://')) s = s.slice(8);
  while (s.startsWith('http://')) s = s.slice(7);
  return s.split('localhost').join('127.0.0.1');
}

/** Step 1: the session key (`address`, optional `0x`) signed `signedMessage` with `sig`. */
export function sessionKeySignatureProblem(
  sessionSig: AuthSig,
  verify: Ed25519Verifier,
): string | undefined {
  const key = sessionSig.address.startsWith('0x')
    ? sessionSig.address.slice(2)
    : sessionSig.address;
  if (key.length !== 64 || !ED25519_KEY_RE.test(key)) {
    return 'address is not a 32-byte hex Ed25519 public key';
  }
  if (sessionSig.sig.length !== 128 || !ED25519_SIG_RE.test(sessionSig.sig)) {
    return 'sig is not 64 bytes of hex';
  }
  let valid: boolean;
  try {
    // Both are checked hex; noble's decoder is ~6× faster than the general one on this hot path.
    const signature = hexToBytes(sessionSig.sig);
    valid = verify(signature, utf8(sessionSig.signedMessage), hexToBytes(key)) === true;
  } catch {
    valid = false;
  }
  return valid ? undefined : 'Session key signature is not valid';
}

/** Step 2: the serde shape of the node's `SessionKeySignedMessage` (unknown fields ignored). */
export function readSessionSignedMessage(text: string): SessionSignedMessage | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isObject(v)) return 'expected a JSON object';
  for (const k of ['sessionKey', 'issuedAt', 'expiration', 'nodeAddress'] as const) {
    if (typeof v[k] !== 'string') return `${k}: expected a string`;
  }
  const requests = v.resourceAbilityRequests;
  if (!Array.isArray(requests)) return 'resourceAbilityRequests: expected an array';
  for (const r of requests) {
    if (!isObject(r) || !isObject(r.resource) || typeof r.ability !== 'string') {
      return 'resourceAbilityRequests: expected {resource, ability} objects';
    }
    if (typeof r.resource.resource !== 'string' || typeof r.resource.resourcePrefix !== 'string') {
      return 'resourceAbilityRequests: expected resource {resource, resourcePrefix} strings';
    }
  }
  if (!Array.isArray(v.capabilities) || !v.capabilities.every(isAuthSig)) {
    return 'capabilities: expected an array of AuthSigs';
  }
  return v as unknown as SessionSignedMessage;
}

/**
 * Step 4, the node's `validate_session_sig_time_parameters`: whole-second 60 s grace on both
 * ends, expiration not before issuedAt, and at most 30 days after it.
 */
export function timeProblem(
  issuedAtText: string,
  expirationText: string,
  now: Instant,
): Problem | undefined {
  const issuedAt = parseRfc3339(issuedAtText);
  if (!issuedAt) {
    return {
      code: 'NodeParserError',
      detail: 'Could not parse issued_at of session key signed message',
    };
  }
  if (issuedAt.seconds > now.seconds + GRACE_SECONDS) {
    return {
      code: 'NodeIatOutsideGracePeriod',
      detail: `Session key issued_at ${issuedAtText} is in the future beyond the grace period of ${GRACE_SECONDS} seconds`,
    };
  }
  const expiration = parseRfc3339(expirationText);
  if (!expiration) {
    return {
      code: 'NodeParserError',
      detail: 'Could not parse expiration of session key signed message',
    };
  }
  if (compareInstants(expiration, issuedAt) < 0) {
    return {
      code: 'NodeExpWrongOrTooLarge',
      detail: `Session key expiration ${expirationText} is before issued_at ${issuedAtText}`,
    };
  }
  if (expiration.seconds < now.seconds - GRACE_SECONDS) {
    return {
      code: 'NodeExpWrongOrTooLarge',
      detail: `Session key expiration ${expirationText} is in the past beyond the grace period of ${GRACE_SECONDS} seconds`,
    };
  }
  const max = { seconds: issuedAt.seconds + MAX_VALIDITY_SECONDS, nanos: issuedAt.nanos };
  if (compareInstants(expiration, max) > 0) {
    return {
      code: 'NodeSIWEMessageError',
      detail: `Session key expiration ${expirationText} is beyond the max expiry of 30 days after issued_at`,
    };
  }
  return undefined;
}
