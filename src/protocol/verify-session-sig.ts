// Session-sig verification as a Lit node does it (wire doc section 9, the node's
// `validate_session_sig`): same order, same error codes. Never throws on the session sig.
import { type AuthSig, authSigKind, isAuthSig } from './auth-sig';
import { sessionDigest as defaultSessionDigest, verifyBlsSignature } from './bls';
import { hexToBytes } from '@noble/hashes/utils.js';
import { fromHex, toHex, utf8 } from './bytes';
import { CapabilityCache, type VerifiedCapability } from './capability-cache';
import { type Ed25519Verifier, verifyEd25519 as defaultVerifyEd25519 } from './ed25519';
import { LitNodeError, type LitNodeErrorCode } from './errors';
import { isAbilityForPrefix, type LitResourceAbilityRequest, resourceMatches } from './resources';
import {
  compareInstants,
  instantFromMillis,
  instantToMillis,
  parseRfc3339,
  type Instant,
} from './rfc3339';
import type { SessionSignedMessage } from './session-sigs';
import type { SiweFields } from './siwe';
import {
  type BlsVerifier,
  type CapabilityContext,
  capabilityGrants,
  verifyCapabilitySignature,
} from './verify-capability';

export interface VerifySessionSigOptions {
  /** This node's `host:port` (e.g. `127.0.0.1:7470`), compared with the signed `nodeAddress`. */
  nodeAddress: string;
  /** The resource and ability the endpoint needs, e.g. `lit-pkp://<token id>` + `pkp-signing`. */
  request: LitResourceAbilityRequest;
  /** The network's BLS root public key (48-byte G1, bytes or hex), for `lit.bls` capabilities. */
  networkPublicKey?: string | Uint8Array;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** Default: pure-JS `verifyEd25519`; plug in a native one from outside `src/protocol`. */
  verifyEd25519?: Ed25519Verifier;
  /** Default: `verifyBlsSignature` from `./bls`. */
  verifyBls?: BlsVerifier;
  /** Remembers capabilities whose signature verified; none by default. */
  cache?: CapabilityCache | null;
}

export interface SessionSigVerified {
  ok: true;
  sessionPublicKey: string;
  signedMessage: SessionSignedMessage;
  resourceAbilityRequests: LitResourceAbilityRequest[];
  issuedAt: string;
  expiration: string;
  /** The first capability that validated, its index, kind, SIWE fields and signer address. */
  capability: AuthSig;
  capabilityIndex: number;
  capabilityKind: 'wallet' | 'network';
  capabilityAddress: string;
  capabilitySiwe: SiweFields;
  /** Whether that capability's signature check came from the cache. */
  fromCache: boolean;
}

export interface SessionSigRejected {
  ok: false;
  error: LitNodeError;
  /** Why each capability failed, in order (the node only logs these). */
  capabilityErrors: LitNodeError[];
}

export type SessionSigVerification = SessionSigVerified | SessionSigRejected;

const GRACE_SECONDS = 60;
const MAX_VALIDITY_SECONDS = 30 * 24 * 60 * 60;
const ED25519_SIG_RE = /^[0-9a-fA-F]{128}$/;
// Rust's `str::trim` set (Unicode White_Space), which is not JavaScript's `trim`.
const RUST_TRIM_RE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

const reject = (
  code: LitNodeErrorCode,
  details: string[],
  capabilityErrors: LitNodeError[] = [],
): SessionSigRejected => ({
  ok: false,
  error: new LitNodeError(code, details),
  capabilityErrors,
});

/** The node's `prepare_domain_name`: trim, strip every leading `https://` then `http://`, localhost → 127.0.0.1. */
export function normalizeNodeAddress(address: string): string {
  if (typeof address !== 'string') throw new TypeError('address: expected a string');
  let s = address.replace(RUST_TRIM_RE, '');
  while (s.startsWith('https://')) s = s.slice(8);
  while (s.startsWith('http://')) s = s.slice(7);
  return s.split('localhost').join('127.0.0.1');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The serde shape of the node's `SessionKeySignedMessage`; unknown fields are ignored as serde does. */
function asSignedMessage(v: unknown): SessionSignedMessage | string {
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

interface Settings {
  nodeAddress: string;
  request: LitResourceAbilityRequest;
  now: Instant;
  nowMs: number;
  ed25519: Ed25519Verifier;
  ctx: CapabilityContext;
  networkKeyHex: string;
  cache: CapabilityCache | null;
}

function settingsOf(o: VerifySessionSigOptions): Settings {
  if (!isObject(o)) throw new TypeError('verifySessionSig: expected options');
  if (typeof o.nodeAddress !== 'string' || o.nodeAddress.length === 0) {
    throw new TypeError("nodeAddress: expected this node's host:port");
  }
  const r = o.request;
  if (
    !isObject(r) ||
    !isObject(r.resource) ||
    typeof r.resource.resource !== 'string' ||
    r.resource.resource === ''
  ) {
    throw new TypeError('request: expected {resource: {resource, resourcePrefix}, ability}');
  }
  if (!isAbilityForPrefix(r.resource.resourcePrefix, r.ability)) {
    throw new TypeError(
      `request: ability ${String(r.ability)} does not apply to ${String(r.resource.resourcePrefix)}`,
    );
  }
  const key = o.networkPublicKey;
  const networkPublicKey = typeof key === 'string' ? fromHex(key, 48, 'networkPublicKey') : key;
  if (
    networkPublicKey !== undefined &&
    !(networkPublicKey instanceof Uint8Array && networkPublicKey.length === 48)
  ) {
    throw new TypeError('networkPublicKey: expected a 48-byte G1 point');
  }
  const nowMs = (o.now ?? Date.now)();
  if (!Number.isFinite(nowMs)) throw new TypeError('now: expected milliseconds since the epoch');
  if (o.cache != null && !(o.cache instanceof CapabilityCache))
    throw new TypeError('cache: expected a CapabilityCache');
  return {
    nodeAddress: o.nodeAddress,
    request: r,
    now: instantFromMillis(nowMs),
    nowMs,
    ed25519: o.verifyEd25519 ?? defaultVerifyEd25519,
    ctx: {
      blsVerify: o.verifyBls ?? verifyBlsSignature,
      sessionDigest: defaultSessionDigest,
      networkPublicKey,
    },
    networkKeyHex: networkPublicKey ? toHex(networkPublicKey) : '',
    cache: o.cache ?? null,
  };
}

function checkEd25519(sessionSig: AuthSig, verify: Ed25519Verifier): string | undefined {
  const hex = sessionSig.address.startsWith('0x')
    ? sessionSig.address.slice(2)
    : sessionSig.address;
  if (hex.length !== 64 || !/^[0-9a-fA-F]{64}$/.test(hex))
    return 'address is not a 32-byte hex Ed25519 public key';
  if (sessionSig.sig.length !== 128 || !ED25519_SIG_RE.test(sessionSig.sig))
    return 'sig is not 64 bytes of hex';
  let valid: boolean;
  try {
    // Both are checked hex above; noble's decoder is ~6× faster than the general one on this hot path.
    const signature = hexToBytes(sessionSig.sig);
    valid = verify(signature, utf8(sessionSig.signedMessage), hexToBytes(hex)) === true;
  } catch {
    valid = false;
  }
  return valid ? undefined : 'Session key signature is not valid';
}

function checkTimes(
  issuedAtText: string,
  expirationText: string,
  now: Instant,
): SessionSigRejected | undefined {
  const issuedAt = parseRfc3339(issuedAtText);
  if (!issuedAt)
    return reject('NodeParserError', ['Could not parse issued_at of session key signed message']);
  if (issuedAt.seconds > now.seconds + GRACE_SECONDS) {
    return reject('NodeIatOutsideGracePeriod', [
      `Session key issued_at ${issuedAtText} is in the future beyond the grace period of ${GRACE_SECONDS} seconds`,
    ]);
  }
  const expiration = parseRfc3339(expirationText);
  if (!expiration)
    return reject('NodeParserError', ['Could not parse expiration of session key signed message']);
  if (compareInstants(expiration, issuedAt) < 0) {
    return reject('NodeExpWrongOrTooLarge', [
      `Session key expiration ${expirationText} is before issued_at ${issuedAtText}`,
    ]);
  }
  if (expiration.seconds < now.seconds - GRACE_SECONDS) {
    return reject('NodeExpWrongOrTooLarge', [
      `Session key expiration ${expirationText} is in the past beyond the grace period of ${GRACE_SECONDS} seconds`,
    ]);
  }
  const max = { seconds: issuedAt.seconds + MAX_VALIDITY_SECONDS, nanos: issuedAt.nanos };
  if (compareInstants(expiration, max) > 0) {
    return reject('NodeSIWEMessageError', [
      `Session key expiration ${expirationText} is beyond the max expiry of 30 days after issued_at`,
    ]);
  }
  return undefined;
}

function verify(sessionSig: unknown, s: Settings): SessionSigVerification {
  if (!isAuthSig(sessionSig))
    return reject('NodeInvalidAuthSig', [
      'expected an AuthSig {sig, derivedVia, signedMessage, address, algo}',
    ]);
  if (authSigKind(sessionSig) !== 'session') {
    return reject('NodeCannotProvideAuthSigForEndpoint', [
      'expected a session signature (derivedVia litSessionSignViaNacl, algo ed25519)',
    ]);
  }
  const edError = checkEd25519(sessionSig, s.ed25519);
  if (edError) return reject('NodeInvalidAuthSigSessionKeySignature', [edError]);

  let parsed: unknown;
  try {
    parsed = JSON.parse(sessionSig.signedMessage);
  } catch {
    parsed = undefined;
  }
  const message = asSignedMessage(parsed);
  if (typeof message === 'string')
    return reject('NodeAuthSigSignedMessageConversionError', [`signedMessage: ${message}`]);

  if (
    !message.resourceAbilityRequests.some((r) => resourceMatches(s.request.resource, r.resource))
  ) {
    return reject('NodeResourceIdNotFound', [
      `Could not find requested resource ${s.request.resource.resourcePrefix}://${s.request.resource.resource} in the resourceAbilityRequests`,
    ]);
  }
  const timeError = checkTimes(message.issuedAt, message.expiration, s.now);
  if (timeError) return timeError;
  if (normalizeNodeAddress(message.nodeAddress) !== s.nodeAddress) {
    return reject('NodeNotAuthorized', [
      `Session key node_address ${message.nodeAddress.slice(0, 200)} does not match our node address ${s.nodeAddress}`,
    ]);
  }

  const notFound = 'Resource id not found in auth_sig capabilities';
  if (message.capabilities.length === 0)
    return reject('NodeResourceIdNotFound', [notFound, 'Empty capabilites array.']);
  const capabilityErrors: LitNodeError[] = [];
  for (const [index, capability] of message.capabilities.entries()) {
    const key = s.cache ? CapabilityCache.keyOf(capability) : '';
    let verified: VerifiedCapability | undefined = s.cache?.get(capability, s.nowMs, key);
    const fromCache =
      verified !== undefined &&
      (verified.kind === 'wallet' || verified.networkKey === s.networkKeyHex);
    if (!fromCache) {
      const checked = verifyCapabilitySignature(capability, s.now, s.ctx);
      if (!checked.ok) {
        capabilityErrors.push(checked.error);
        continue;
      }
      verified = checked.value;
      const expiresAtMs = verified.expiration ? instantToMillis(verified.expiration) : Infinity;
      s.cache?.set(capability, verified, expiresAtMs, key);
    }
    const grant = capabilityGrants(verified!, sessionSig.address, s.request, s.now);
    if (!grant.ok) {
      capabilityErrors.push(grant.error);
      continue;
    }
    return {
      ok: true,
      sessionPublicKey: sessionSig.address,
      signedMessage: message,
      resourceAbilityRequests: message.resourceAbilityRequests,
      issuedAt: message.issuedAt,
      expiration: message.expiration,
      capability,
      capabilityIndex: index,
      capabilityKind: verified!.kind,
      capabilityAddress: verified!.fields.address,
      capabilitySiwe: verified!.fields,
      fromCache,
    };
  }
  return reject(
    'NodeResourceIdNotFound',
    [notFound, 'Could not find valid capability.'],
    capabilityErrors,
  );
}

/**
 * Verifies a session sig for one request as a node does. Returns `{ok: true, …}` with the session
 * key, the winning capability and what was signed, or `{ok: false, error}` with the node's
 * error code; never throws on the session sig (any JSON value). Throws TypeError on bad options.
 */
export function verifySessionSig(
  sessionSig: unknown,
  options: VerifySessionSigOptions,
): SessionSigVerification {
  const settings = settingsOf(options);
  try {
    return verify(sessionSig, settings);
  } catch (e) {
    // Unreachable by design; a bug must still answer like a node, not crash the caller.
    return reject('NodeSystemFault', [String((e as Error)?.message ?? e).slice(0, 200)]);
  }
}
