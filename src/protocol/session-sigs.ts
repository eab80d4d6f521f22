// Session signatures (wire doc section 5): the SIWE+ReCap capability that authorizes a session
// key, the per-node signed message, and the SessionSigs map, byte-identical to Lit's SDK.
import { isAuthSig, type AuthSig, type SessionSig } from './auth-sig';
import { toHex, utf8 } from './bytes';
import { type LitResourceAbilityRequest } from './resources';
import { type SessionKey, sessionKeyUri } from './session-key';
import { createSiweMessageWithRecaps, type SiweWithRecapsParams } from './siwe-recap';

/** `{ "<node url>": SessionSig }`, keyed by the exact node URL strings. */
export type SessionSigsMap = Record<string, SessionSig>;

/** The per-node message a session key signs, with Lit's field order. */
export interface SessionSignedMessage {
  sessionKey: string;
  resourceAbilityRequests: LitResourceAbilityRequest[];
  capabilities: AuthSig[];
  issuedAt: string;
  expiration: string;
  nodeAddress: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The SIWE + ReCap message a wallet signs to authorize a session key: what Lit's
 * `createSiweMessageWithRecaps` produces with `uri: lit:session:<sessionPublicKey>`.
 */
export function createSessionCapabilityMessage(
  params: Omit<SiweWithRecapsParams, 'uri'> & { sessionPublicKey: string },
): string {
  const { sessionPublicKey, ...rest } = params ?? ({} as typeof params);
  return createSiweMessageWithRecaps({ ...rest, uri: sessionKeyUri(sessionPublicKey) });
}

function normalizeRequests(requests: LitResourceAbilityRequest[]): LitResourceAbilityRequest[] {
  if (!Array.isArray(requests)) throw new TypeError('resourceAbilityRequests: expected an array');
  return requests.map((r, i) => {
    const res = r?.resource;
    if (typeof res?.resource !== 'string' || typeof res.resourcePrefix !== 'string') {
      throw new TypeError(
        `resourceAbilityRequests[${i}].resource: expected {resource, resourcePrefix}`,
      );
    }
    if (typeof r.ability !== 'string') {
      throw new TypeError(`resourceAbilityRequests[${i}].ability: expected a string`);
    }
    // Lit stringifies its resource classes: `resource` first, then `resourcePrefix`.
    return {
      resource: { resource: res.resource, resourcePrefix: res.resourcePrefix },
      ability: r.ability,
      ...(r.data !== undefined ? { data: r.data } : {}),
    };
  });
}

/** The exact string a session key signs for one node (`JSON.stringify` in Lit's field order). */
export function createSessionSignedMessage(message: SessionSignedMessage): string {
  const { sessionKey, capabilities, issuedAt, expiration, nodeAddress } =
    message ?? ({} as SessionSignedMessage);
  for (const [name, v] of Object.entries({ sessionKey, issuedAt, expiration, nodeAddress })) {
    if (typeof v !== 'string') throw new TypeError(`${name}: expected a string`);
  }
  if (!Array.isArray(capabilities) || !capabilities.every(isAuthSig)) {
    throw new TypeError('capabilities: expected an array of AuthSigs');
  }
  return JSON.stringify({
    sessionKey,
    resourceAbilityRequests: normalizeRequests(message.resourceAbilityRequests),
    capabilities,
    issuedAt,
    expiration,
    nodeAddress,
  });
}

/** Signs one node's signed message with the session key: a `litSessionSignViaNacl` AuthSig. */
export async function createSessionSig(
  sessionKey: SessionKey,
  signedMessage: string,
): Promise<SessionSig> {
  if (typeof sessionKey?.sign !== 'function')
    throw new TypeError('sessionKey: expected a SessionKey');
  if (typeof signedMessage !== 'string') throw new TypeError('signedMessage: expected a string');
  const signature = await sessionKey.sign(utf8(signedMessage));
  return {
    sig: toHex(signature),
    derivedVia: 'litSessionSignViaNacl',
    signedMessage,
    address: sessionKey.publicKey,
    algo: 'ed25519',
  };
}

export interface SessionSigsParams {
  sessionKey: SessionKey;
  /** `[...capabilityAuthSigs, capacityDelegationAuthSig?, authSig]`: the authorizing one last. */
  capabilities: AuthSig[];
  resourceAbilityRequests: LitResourceAbilityRequest[];
  /** Node URLs exactly as the client knows them (`http://127.0.0.1:7470`). */
  nodeUrls: string[];
  /** Default `now()` as an ISO string. */
  issuedAt?: string;
  /** Default 24 hours after `now()`, as Lit's `getExpiration()`. */
  expiration?: string;
  now?: () => number;
}

/** The SessionSigs map for every node, byte-identical to Lit's `getSessionSigs` for the same inputs. */
export async function createSessionSigs(params: SessionSigsParams): Promise<SessionSigsMap> {
  if (typeof params !== 'object' || params === null) throw new TypeError('expected parameters');
  const { sessionKey, capabilities, resourceAbilityRequests, nodeUrls } = params;
  if (typeof sessionKey?.sign !== 'function')
    throw new TypeError('sessionKey: expected a SessionKey');
  if (!Array.isArray(nodeUrls) || !nodeUrls.every((u) => typeof u === 'string' && u.length > 0)) {
    throw new TypeError('nodeUrls: expected an array of node URL strings');
  }
  const nowMs = (params.now ?? Date.now)();
  const issuedAt = params.issuedAt ?? new Date(nowMs).toISOString();
  const expiration = params.expiration ?? new Date(nowMs + DAY_MS).toISOString();
  if (typeof issuedAt !== 'string' || typeof expiration !== 'string') {
    throw new TypeError('issuedAt and expiration: expected ISO date-time strings');
  }
  // Lit iterates a Set of URLs: a repeated URL is signed once, in first-seen order. The
  // signatures are asked for all at once: WebCrypto signs off the calling thread, so one round
  // trip to it instead of one per node.
  const urls = [...new Set(nodeUrls)];
  const signed = await Promise.all(
    urls.map((nodeAddress) =>
      createSessionSig(
        sessionKey,
        createSessionSignedMessage({
          sessionKey: sessionKey.publicKey,
          resourceAbilityRequests,
          capabilities,
          issuedAt,
          expiration,
          nodeAddress,
        }),
      ),
    ),
  );
  const sigs: SessionSigsMap = {};
  for (const [i, nodeAddress] of urls.entries()) {
    const sig = signed[i]!;
    // defineProperty: a URL like `__proto__` must stay a plain key.
    Object.defineProperty(sigs, nodeAddress, {
      value: sig,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return sigs;
}
