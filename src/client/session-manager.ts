// Lit's three ways to get session signatures (wallet, PKP, Lit Action) with the session kept in
// a StorageProvider, for Node.js and any other non-extension user of src/client. Unlike Lit's
// SDK: a stored capability is reused only for the same kind and subject (wallet address, PKP,
// action) and only when it still covers what is asked; it is re-verified when read back; and
// `disconnect()` removes the session key too, not just the capability.
import { fromHex, toHex } from '../protocol/bytes';
import { type AuthSig, createWalletAuthSig, isAuthSig } from '../protocol/auth-sig';
import { sessionDigest, verifyBlsSignature } from '../protocol/bls';
import {
  addressFromPublicKey,
  toChecksumAddress,
  uncompressedPublicKey,
  type MessageSigner,
} from '../protocol/ethereum';
import { ipfsCidV0 } from '../protocol/ipfs-cid';
import type { LitResourceAbilityRequest } from '../protocol/resources';
import { instantFromMillis, parseRfc3339, instantToMillis } from '../protocol/rfc3339';
import {
  exportLitSessionKey,
  generateSessionKey,
  importLitSessionKey,
  type SessionKey,
} from '../protocol/session-key';
import {
  createSessionCapabilityMessage,
  createSessionSigs,
  type SessionSigsMap,
} from '../protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
import { capabilityGrants, verifyCapabilitySignature } from '../protocol/verify-capability';
import type { LitNetwork } from './discover';
import { signSessionKey, type AuthMethod } from './sign-session-key';
import type { StorageProvider } from './storage-provider';

export const SESSION_KEY_STORAGE_KEY = 'lit-companion:session-key';
export const CAPABILITIES_STORAGE_KEY = 'lit-companion:capabilities';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Per-request sigs live this long by default (never past the capability). */
const DEFAULT_SIG_LIFETIME_MS = 5 * 60 * 1000;
/** A stored capability is reused only if it stays valid at least this long. */
const MIN_REMAINING_MS = 60 * 1000;

type CapabilityKind = 'wallet' | 'pkp' | 'lit-action';

interface StoredCapability {
  kind: CapabilityKind;
  /** The wallet address, the PKP public key, or `<PKP public key>/<action CID>`. */
  subject: string;
  authSig: AuthSig;
}

export interface SessionManagerOptions {
  network: LitNetwork;
  /** Where the session key and capabilities live; none means a fresh key for every call. */
  storage?: StorageProvider;
  /** How long each returned SessionSigs map is valid (default 5 minutes). */
  sigLifetimeMs?: number;
  now?: () => number;
}

interface CommonParams {
  resourceAbilityRequests: LitResourceAbilityRequest[];
  /** ISO 8601 expiration of the capability (default 24 hours). */
  expiration?: string;
}

export interface WalletSessionParams extends CommonParams {
  /** The wallet that signs the SIWE + ReCap capability (`personal_sign`). */
  signer: MessageSigner;
  domain?: string;
  statement?: string;
}

export interface PkpSessionParams extends CommonParams {
  pkpPublicKey: string;
  /**
   * The auth methods the nodes check, or a function that makes them only when the nodes are
   * asked (a stored capability is reused without them: no wallet prompt).
   */
  authMethods: AuthMethod[] | (() => Promise<AuthMethod[]>);
}

export type LitActionSessionParams = PkpSessionParams & {
  jsParams?: Record<string, unknown>;
} & (
    | { litActionCode: string; litActionIpfsId?: never }
    | { litActionIpfsId: string; litActionCode?: never }
  );

export interface SessionManager {
  getSessionSigs(params: WalletSessionParams): Promise<SessionSigsMap>;
  getPkpSessionSigs(params: PkpSessionParams): Promise<SessionSigsMap>;
  getLitActionSessionSigs(params: LitActionSessionParams): Promise<SessionSigsMap>;
  /** Removes the stored capabilities and the session key. */
  disconnect(): Promise<void>;
}

function checkRequests(requests: unknown): LitResourceAbilityRequest[] {
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new TypeError('resourceAbilityRequests: expected a non-empty array');
  }
  return requests as LitResourceAbilityRequest[];
}

function expirationMs(expiration: string | undefined, now: number): number {
  if (expiration === undefined) return now + DAY_MS;
  const instant = parseRfc3339(expiration);
  if (!instant) throw new TypeError('expiration: expected an ISO 8601 date-time');
  const ms = instantToMillis(instant);
  if (ms <= now + MIN_REMAINING_MS) throw new RangeError('expiration: must be in the future');
  return ms;
}

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { network, storage } = options;
  if (typeof network?.nodeUrls?.length !== 'number') {
    throw new TypeError('network: expected a LitNetwork from discoverNetwork');
  }
  const now = options.now ?? Date.now;
  const sigLifetimeMs = options.sigLifetimeMs ?? DEFAULT_SIG_LIFETIME_MS;
  const networkKey = fromHex(network.networkPublicKey, 48, 'network public key');

  const loadKey = async (): Promise<SessionKey> => {
    if (!storage) return generateSessionKey();
    const stored = await storage.get(SESSION_KEY_STORAGE_KEY);
    if (stored) {
      try {
        return importLitSessionKey(JSON.parse(stored));
      } catch {
        // A damaged key is useless: its capabilities go with it, and a new key replaces it.
        await storage.remove(CAPABILITIES_STORAGE_KEY);
      }
    }
    const key = generateSessionKey();
    await storage.set(SESSION_KEY_STORAGE_KEY, JSON.stringify(exportLitSessionKey(key)));
    return key;
  };

  const loadCapabilities = async (): Promise<StoredCapability[]> => {
    const stored = storage ? await storage.get(CAPABILITIES_STORAGE_KEY) : undefined;
    if (!stored) return [];
    try {
      const list: unknown = JSON.parse(stored);
      if (!Array.isArray(list)) return [];
      return list.filter(
        (c): c is StoredCapability =>
          typeof c?.kind === 'string' && typeof c.subject === 'string' && isAuthSig(c.authSig),
      );
    } catch {
      return [];
    }
  };

  /** The capability's expiration in ms when it is valid, names this key and covers `requests`. */
  const usableUntil = (
    capability: AuthSig,
    key: SessionKey,
    requests: LitResourceAbilityRequest[],
  ): number | undefined => {
    const at = instantFromMillis(now());
    const verified = verifyCapabilitySignature(capability, at, {
      blsVerify: verifyBlsSignature,
      sessionDigest,
      networkPublicKey: networkKey,
    });
    if (!verified.ok || !verified.value.expiration) return undefined;
    const until = instantToMillis(verified.value.expiration);
    if (until - now() < MIN_REMAINING_MS) return undefined;
    const grants = requests.every((r) => capabilityGrants(verified.value, key.publicKey, r, at).ok);
    return grants ? until : undefined;
  };

  const sessionSigs = async (
    kind: CapabilityKind,
    subject: string,
    requests: LitResourceAbilityRequest[],
    obtain: (key: SessionKey) => Promise<AuthSig>,
  ): Promise<SessionSigsMap> => {
    const key = await loadKey();
    const stored = await loadCapabilities();
    const reusable = stored.find((c) => c.kind === kind && c.subject === subject);
    let authSig = reusable?.authSig;
    let until = authSig ? usableUntil(authSig, key, requests) : undefined;
    if (until === undefined) {
      authSig = await obtain(key);
      until = usableUntil(authSig, key, requests);
      if (until === undefined) {
        throw new Error('the new capability does not cover the requested resources');
      }
      if (storage) {
        const others = stored.filter((c) => !(c.kind === kind && c.subject === subject));
        await storage.set(
          CAPABILITIES_STORAGE_KEY,
          JSON.stringify([...others, { kind, subject, authSig }]),
        );
      }
    }
    const issued = now();
    return createSessionSigs({
      sessionKey: key,
      capabilities: [authSig!],
      resourceAbilityRequests: requests,
      nodeUrls: network.nodeUrls,
      issuedAt: new Date(issued).toISOString(),
      expiration: new Date(Math.min(issued + sigLifetimeMs, until)).toISOString(),
    });
  };

  const networkCapability = async (
    key: SessionKey,
    params: PkpSessionParams & {
      litActionCode?: string;
      litActionIpfsId?: string;
      jsParams?: Record<string, unknown>;
    },
    requests: LitResourceAbilityRequest[],
  ): Promise<AuthSig> => {
    const siweMessage = createSiweMessageWithRecaps({
      walletAddress: addressFromPublicKey(params.pkpPublicKey),
      nonce: network.latestBlockhash,
      uri: `lit:session:${key.publicKey}`,
      statement: 'Lit Protocol PKP session signature',
      expiration: new Date(expirationMs(params.expiration, now())).toISOString(),
      resources: requests,
      now,
    });
    const { authSig } = await signSessionKey(network, {
      sessionPublicKey: key.publicKey,
      authMethods:
        typeof params.authMethods === 'function' ? await params.authMethods() : params.authMethods,
      pkpPublicKey: params.pkpPublicKey,
      siweMessage,
      ...(params.litActionCode !== undefined && { litActionCode: params.litActionCode }),
      ...(params.litActionIpfsId !== undefined && { litActionIpfsId: params.litActionIpfsId }),
      ...(params.jsParams !== undefined && { jsParams: params.jsParams }),
    });
    return authSig;
  };

  return {
    async getSessionSigs(params) {
      const requests = checkRequests(params?.resourceAbilityRequests);
      if (typeof params.signer?.signMessage !== 'function') {
        throw new TypeError('signer: expected a wallet with signMessage');
      }
      const address = toChecksumAddress(
        params.signer.getAddress ? await params.signer.getAddress() : '',
      );
      return sessionSigs('wallet', address, requests, async (key) =>
        createWalletAuthSig({
          signer: params.signer,
          address,
          message: createSessionCapabilityMessage({
            walletAddress: address,
            nonce: network.latestBlockhash,
            sessionPublicKey: key.publicKey,
            expiration: new Date(expirationMs(params.expiration, now())).toISOString(),
            resources: requests,
            ...(params.domain !== undefined && { domain: params.domain }),
            ...(params.statement !== undefined && { statement: params.statement }),
            now,
          }),
        }),
      );
    },

    async getPkpSessionSigs(params) {
      const requests = checkRequests(params?.resourceAbilityRequests);
      const pkp = toHex(uncompressedPublicKey(params.pkpPublicKey));
      return sessionSigs('pkp', pkp, requests, (key) => networkCapability(key, params, requests));
    },

    async getLitActionSessionSigs(params) {
      const requests = checkRequests(params?.resourceAbilityRequests);
      const pkp = toHex(uncompressedPublicKey(params.pkpPublicKey));
      const cid =
        params.litActionCode !== undefined
          ? ipfsCidV0(params.litActionCode)
          : params.litActionIpfsId;
      if (typeof cid !== 'string') {
        throw new TypeError('expected litActionCode or litActionIpfsId');
      }
      // The action decides anew for every new capability; a stored one is reused only for the
      // same PKP, the same action and (below) the same key.
      return sessionSigs('lit-action', `${pkp}/${cid}`, requests, (key) =>
        networkCapability(key, params, requests),
      );
    },

    async disconnect() {
      if (!storage) return;
      await storage.remove(CAPABILITIES_STORAGE_KEY);
      await storage.remove(SESSION_KEY_STORAGE_KEY);
    },
  };
}
