// Whether a kept session covers a request: every requested resource and ability is one it was
// approved for (the same, or narrower than a `*`), with the same restrictions, and it has not
// expired. A request for more than that asks the user again.
import { canonicalJson } from '../../protocol/recap';
import { parseResourceKey, resourceMatches } from '../../protocol/resources';
import type { ResourceAbilityRequest, WalletSource } from '../messages';
import type { SessionRecord } from './session-records';

/** Sessions this close to their end are not handed out: the sigs would be useless. */
export const MIN_REMAINING_MS = 30_000;

function sameData(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

export function covers(
  record: SessionRecord,
  requests: readonly ResourceAbilityRequest[],
  now: number,
  walletSource?: WalletSource,
): boolean {
  if (!record.capability) return false;
  if (walletSource && record.walletSource !== walletSource) return false;
  if (!(Date.parse(record.expiration) - now > MIN_REMAINING_MS)) return false;
  return requests.every((r) =>
    record.capabilities.some(
      (c) =>
        c.ability === r.ability &&
        resourceMatches(r.resource, parseResourceKey(c.resource)) &&
        sameData(r.data, c.data),
    ),
  );
}

/** The covering session that lasts longest, if any. */
export function bestCoveringSession(
  records: readonly SessionRecord[],
  requests: readonly ResourceAbilityRequest[],
  now: number,
  walletSource?: WalletSource,
): SessionRecord | undefined {
  return records
    .filter((r) => covers(r, requests, now, walletSource))
    .sort((a, b) => Date.parse(b.expiration) - Date.parse(a.expiration))[0];
}
