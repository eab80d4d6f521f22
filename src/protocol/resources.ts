// The seven capabilities of Lit's docs, the resource prefixes and abilities behind them, and
// helpers that build resource ids the way Lit's SDK and nodes do.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { toHex } from './bytes';
import { uncompressedPublicKey } from './ethereum';
import { ipfsCidV0 } from './ipfs-cid';

export const LIT_RESOURCE_PREFIX = {
  AccessControlCondition: 'lit-accesscontrolcondition',
  PKP: 'lit-pkp',
  RateLimitIncrease: 'lit-ratelimitincrease',
  LitAction: 'lit-litaction',
} as const;
export type LitResourcePrefix = (typeof LIT_RESOURCE_PREFIX)[keyof typeof LIT_RESOURCE_PREFIX];

export const LIT_ABILITY = {
  AccessControlConditionDecryption: 'access-control-condition-decryption',
  AccessControlConditionSigning: 'access-control-condition-signing',
  PKPSigning: 'pkp-signing',
  RateLimitIncreaseAuth: 'rate-limit-increase-auth',
  LitActionExecution: 'lit-action-execution',
} as const;
export type LitAbility = (typeof LIT_ABILITY)[keyof typeof LIT_ABILITY];

/** A resource: its prefix and its id (or `*`), as Lit's `LitResourceAbilityRequest` carries it. */
export interface LitResource {
  resource: string;
  resourcePrefix: string;
}

/** What a session sig asks for: a resource and an ability, with an optional recap nota bene. */
export interface LitResourceAbilityRequest {
  resource: LitResource;
  ability: string;
  data?: Record<string, unknown>;
}

/** One capability of Lit's docs, in the user's words, and how the protocol names it. */
export interface LitCapability {
  /** Lit's name for it (docs). */
  readonly name: string;
  /** Plain words for the approval window and popup. */
  readonly label: string;
  readonly description: string;
  /** False for the two that happen without a session signature. */
  readonly needsSessionSig: boolean;
  readonly resourcePrefix?: LitResourcePrefix;
  readonly ability?: LitAbility;
  readonly recapNamespace?: 'Threshold' | 'Auth';
  readonly recapAbility?: 'Execution' | 'Signing' | 'Decryption' | 'Auth';
}

export const LIT_CAPABILITIES: readonly LitCapability[] = Object.freeze([
  {
    name: 'Lit Action Execution',
    label: 'Run Lit Actions',
    description:
      'Lets the site run a Lit Action (a small program identified by its IPFS id) on the Lit nodes.',
    needsSessionSig: true,
    resourcePrefix: 'lit-litaction',
    ability: 'lit-action-execution',
    recapNamespace: 'Threshold',
    recapAbility: 'Execution',
  },
  {
    name: 'Minting a PKP',
    label: 'Create a Lit key',
    description:
      'Lets the site mint a new programmable key pair (PKP) for you; this happens on chain, not with a session.',
    needsSessionSig: false,
  },
  {
    name: 'PKP Signing',
    label: 'Sign with your Lit key',
    description:
      'Lets the site have the Lit nodes sign messages or transactions with your programmable key pair (PKP).',
    needsSessionSig: true,
    resourcePrefix: 'lit-pkp',
    ability: 'pkp-signing',
    recapNamespace: 'Threshold',
    recapAbility: 'Signing',
  },
  {
    name: 'Encryption Access Control',
    label: 'Encrypt data',
    description:
      'Lets the site encrypt data so that only people meeting its conditions can decrypt it; this happens on your device.',
    needsSessionSig: false,
  },
  {
    name: 'Decryption Access Control',
    label: 'Decrypt data',
    description:
      'Lets the site ask the Lit nodes to decrypt data whose access conditions you meet.',
    needsSessionSig: true,
    resourcePrefix: 'lit-accesscontrolcondition',
    ability: 'access-control-condition-decryption',
    recapNamespace: 'Threshold',
    recapAbility: 'Decryption',
  },
  {
    name: 'Signing Access Control',
    label: 'Prove you meet conditions',
    description:
      'Lets the site get a token signed by the Lit nodes proving that you meet its access conditions.',
    needsSessionSig: true,
    resourcePrefix: 'lit-accesscontrolcondition',
    ability: 'access-control-condition-signing',
    recapNamespace: 'Threshold',
    recapAbility: 'Signing',
  },
  {
    name: 'Capacity Credits Authentication',
    label: 'Use capacity credits',
    description:
      'Lets the site spend Lit capacity credits (prepaid request capacity) that were delegated to you.',
    needsSessionSig: true,
    resourcePrefix: 'lit-ratelimitincrease',
    ability: 'rate-limit-increase-auth',
    recapNamespace: 'Auth',
    recapAbility: 'Auth',
  },
]);

/** The capability an ability belongs to; `undefined` for anything else. */
export function capabilityForAbility(ability: unknown): LitCapability | undefined {
  return LIT_CAPABILITIES.find((c) => c.ability !== undefined && c.ability === ability);
}

/** The recap `Namespace/Ability` key that grants an ability, e.g. `Threshold/Signing`. */
export function recapAbilityFor(ability: unknown): string | undefined {
  const c = capabilityForAbility(ability);
  return c ? `${c.recapNamespace}/${c.recapAbility}` : undefined;
}

/** True when `ability` applies to resources with `prefix` (Lit's `isValidLitAbility`). */
export function isAbilityForPrefix(prefix: unknown, ability: unknown): boolean {
  const c = capabilityForAbility(ability);
  return c !== undefined && c.resourcePrefix === prefix;
}

/** `<prefix>://<id>`, the key a recap and Lit's `getResourceKey()` use. */
export function resourceKey(resource: LitResource): string {
  if (typeof resource?.resource !== 'string' || typeof resource.resourcePrefix !== 'string') {
    throw new TypeError('resource: expected {resource, resourcePrefix} strings');
  }
  return `${resource.resourcePrefix}://${resource.resource}`;
}

/** Parses `<prefix>://<id>` for one of the four Lit prefixes; throws on anything else. */
export function parseResourceKey(key: string): LitResource {
  if (typeof key !== 'string') throw new TypeError('resource key: expected a string');
  const sep = key.indexOf('://');
  const prefix = sep > 0 ? key.slice(0, sep) : '';
  if (!(Object.values(LIT_RESOURCE_PREFIX) as string[]).includes(prefix)) {
    throw new TypeError(`resource key: unknown prefix in ${JSON.stringify(key.slice(0, 80))}`);
  }
  const id = key.slice(sep + 3);
  if (id.length === 0) throw new TypeError('resource key: empty resource id');
  return { resourcePrefix: prefix, resource: id };
}

/** Lit's wildcard rule: same prefix, and the granted id is `*` or equal to the requested one. */
export function resourceMatches(requested: LitResource, granted: LitResource): boolean {
  if (typeof requested?.resource !== 'string' || typeof granted?.resource !== 'string')
    return false;
  return (
    granted.resourcePrefix === requested.resourcePrefix &&
    (granted.resource === '*' || granted.resource === requested.resource)
  );
}

const HEX64_RE = /^[0-9a-fA-F]{64}$/;

function hash64(hex: unknown, what: string): string {
  if (typeof hex !== 'string' || !HEX64_RE.test(hex)) {
    throw new TypeError(`${what}: expected 64 hex characters (a sha256), no 0x`);
  }
  return hex.toLowerCase();
}

/**
 * A PKP's token id as a resource id: keccak256 of its 65-byte uncompressed secp256k1 public key,
 * 64 lowercase hex. Takes hex (with or without `0x`) or bytes, uncompressed or compressed.
 */
export function pkpTokenIdFromPublicKey(publicKey: string | Uint8Array): string {
  return toHex(keccak_256(uncompressedPublicKey(publicKey)));
}

/** Decryption resource id: `<hex sha256(conditions)>/<hex sha256(data)>`. */
export function decryptionResourceId(conditionsHashHex: string, dataHashHex: string): string {
  return `${hash64(conditionsHashHex, 'conditionsHash')}/${hash64(dataHashHex, 'dataHash')}`;
}

/** Signing (JWT) resource id: `<hex sha256(conditions)>`. */
export function signingResourceId(conditionsHashHex: string): string {
  return hash64(conditionsHashHex, 'conditionsHash');
}

/** Lit Action resource id: the IPFS CIDv0 of the action code (UTF-8), as Lit's `getIpfsId`. */
export function litActionResourceId(code: string | Uint8Array): string {
  return ipfsCidV0(code);
}

/** Capacity credit resource id: the NFT id in decimal without leading zeros. */
export function capacityCreditResourceId(tokenId: bigint | number | string): string {
  if (typeof tokenId === 'bigint' && tokenId >= 0n) return tokenId.toString();
  if (typeof tokenId === 'number' && Number.isSafeInteger(tokenId) && tokenId >= 0) {
    return tokenId.toString();
  }
  if (typeof tokenId === 'string' && /^[0-9]{1,78}$/.test(tokenId))
    return BigInt(tokenId).toString();
  throw new TypeError(
    'tokenId: expected a non-negative integer (bigint, safe number or decimal string)',
  );
}
