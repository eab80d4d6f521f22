// Session-sig verification as a Lit node does it (wire doc section 9, the node's
// `validate_session_sig`): same order, same error codes. Never throws on the session sig.
import { type AuthSig, authSigKind, isAuthSig } from './auth-sig';
import { sessionDigest as defaultSessionDigest, verifyBlsSignature } from './bls';
import { fromHex, toHex } from './bytes';
import { CapabilityCache, type VerifiedCapability } from './capability-cache';
import { type Ed25519Verifier, verifyEd25519 as defaultVerifyEd25519 } from './ed25519';
import { LitNodeError, type LitNodeErrorCode } from './errors';
import { isAbilityForPrefix, type LitResourceAbilityRequest, resourceMatches } from './resources';
import { instantFromMillis, instantToMillis, type Instant } from './rfc3339';
import {
  normalizeNodeAddress,
  readSessionSignedMessage,
  sessionKeySignatureProblem,
  timeProblem,
} from './session-message-checks';
import type { SessionSignedMessage } from './session-sigs';
import type { SiweFields } from './siwe';
import {
  type BlsVerifier,
  type CapabilityContext,
  capabilityGrants,
  verifyCapabilitySignature,
} from './verify-capability';

export interface VerifySessionSigOptions {
  /**
   * This node's `host:port` (e.g. `127.0.0.1:7470`). Only the signed `nodeAddress` is normalized
   * (as in the node), so give `127.0.0.1` rather than `localhost` here.
   */
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

const reject = (
  code: LitNodeErrorCode,
  details: string[],
  capabilityErrors: LitNodeError[] = [],
): SessionSigRejected => ({
  ok: false,
  error: new LitNodeError(code, details),
  capabilityErrors,
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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
  for (const f of ['now', 'verifyEd25519', 'verifyBls'] as const) {
    if (o[f] !== undefined && typeof o[f] !== 'function')
      throw new TypeError(`${f}: expected a function`);
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
  const edError = sessionKeySignatureProblem(sessionSig, s.ed25519);
  if (edError) return reject('NodeInvalidAuthSigSessionKeySignature', [edError]);

  const message = readSessionSignedMessage(sessionSig.signedMessage);
  if (typeof message === 'string')
    return reject('NodeAuthSigSignedMessageConversionError', [`signedMessage: ${message}`]);

  if (
    !message.resourceAbilityRequests.some((r) => resourceMatches(s.request.resource, r.resource))
  ) {
    return reject('NodeResourceIdNotFound', [
      `Could not find requested resource ${s.request.resource.resourcePrefix}://${s.request.resource.resource} in the resourceAbilityRequests`,
    ]);
  }
  const time = timeProblem(message.issuedAt, message.expiration, s.now);
  if (time) return reject(time.code, [time.detail]);
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
