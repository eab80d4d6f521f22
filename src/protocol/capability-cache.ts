// A bounded cache of capabilities whose signature was verified once, keyed by sha256 of their
// `sig`. An entry holds the whole capability, so a hit needs the exact same AuthSig, and is
// never served after the capability's expiration.
import { sha256 } from '@noble/hashes/sha2.js';
import type { AuthSig } from './auth-sig';
import { toHex, utf8 } from './bytes';
import type { Recap } from './recap';
import type { Instant } from './rfc3339';
import type { SiweFields } from './siwe';

/** A capability whose SIWE parsed and whose signature verified (time and grants still per use). */
export interface VerifiedCapability {
  readonly kind: 'wallet' | 'network';
  readonly fields: SiweFields;
  readonly expiration: Instant | undefined;
  readonly notBefore: Instant | undefined;
  readonly recaps: Recap[];
  /** Whether the statement ends with every recap's text (EIP-5573). */
  readonly statementMatchesRecaps: boolean;
  /** The network key a `lit.bls` capability verified against (hex), else ''. */
  readonly networkKey: string;
}

interface Entry {
  capability: AuthSig;
  verified: VerifiedCapability;
  /** Milliseconds after which the entry is dropped (end of the capability's validity). */
  expiresAtMs: number;
}

export interface CapabilityCacheOptions {
  /** Most entries kept; the least recently used goes first. Default 1024. */
  maxEntries?: number;
}

const sameAuthSig = (a: AuthSig, b: AuthSig) =>
  a.sig === b.sig &&
  a.signedMessage === b.signedMessage &&
  a.derivedVia === b.derivedVia &&
  a.address === b.address &&
  (a.algo ?? null) === (b.algo ?? null);

export class CapabilityCache {
  readonly maxEntries: number;
  #entries = new Map<string, Entry>();

  constructor(options: CapabilityCacheOptions = {}) {
    const max = options?.maxEntries ?? 1024;
    if (!Number.isSafeInteger(max) || max < 1)
      throw new TypeError('maxEntries: expected a positive integer');
    this.maxEntries = max;
  }

  /** The cache key of a capability: hex sha256 of its `sig`. */
  static keyOf(capability: Pick<AuthSig, 'sig'>): string {
    return toHex(sha256(utf8(capability.sig)));
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The verified form of exactly this capability, if cached and not past `expiresAtMs`. */
  get(
    capability: AuthSig,
    nowMs: number,
    key = CapabilityCache.keyOf(capability),
  ): VerifiedCapability | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (nowMs > entry.expiresAtMs) {
      this.#entries.delete(key);
      return undefined;
    }
    if (!sameAuthSig(entry.capability, capability)) return undefined;
    // Re-insert: Map order is the LRU order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.verified;
  }

  set(
    capability: AuthSig,
    verified: VerifiedCapability,
    expiresAtMs: number,
    key = CapabilityCache.keyOf(capability),
  ): void {
    const { sig, derivedVia, signedMessage, address, algo } = capability;
    this.#entries.delete(key);
    this.#entries.set(key, {
      capability: { sig, derivedVia, signedMessage, address, algo },
      verified,
      expiresAtMs,
    });
    while (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
