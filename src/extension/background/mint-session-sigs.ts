// Fresh Lit SessionSigs from a kept session, for one request: signed by the session key for each
// node of the configured network, short-lived (never past the session itself).
import { createSessionSigs, type SessionSigsMap } from '../../protocol/session-sigs';
import type { ResourceAbilityRequest } from '../messages';
import { getSessionKey } from './key-vault';
import type { KnownNetwork } from './network';
import type { SessionRecord } from './session-records';

/** Lifetime of the sigs handed out (Lit asks dApps to make them on demand, not cache them). */
export const SIGS_LIFETIME_MS = 5 * 60_000;

/** Lifetime of the sigs a brokered call makes and uses at once (they never leave the worker). */
export const BROKERED_SIGS_LIFETIME_MS = 60_000;

/** The sigs, or null when the vault no longer holds the session's key for the session's origin. */
export async function mintSessionSigs(
  record: SessionRecord,
  requests: ResourceAbilityRequest[],
  network: KnownNetwork,
  now: number,
  lifetimeMs = SIGS_LIFETIME_MS,
): Promise<SessionSigsMap | null> {
  const sessionKey = await getSessionKey(record.publicKey, record.origin);
  if (!sessionKey || !record.capability) return null;
  const expiration = Math.min(now + lifetimeMs, Date.parse(record.expiration));
  return createSessionSigs({
    sessionKey,
    // Lit's order (its SDK's getSessionSigs): the delegation first, the authorizing AuthSig last.
    capabilities: record.capacityDelegation
      ? [record.capacityDelegation.authSig, record.capability]
      : [record.capability],
    resourceAbilityRequests: requests,
    nodeUrls: network.nodeUrls,
    issuedAt: new Date(now).toISOString(),
    expiration: new Date(expiration).toISOString(),
  });
}
