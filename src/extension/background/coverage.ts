// Whether a kept session covers a request: it is of the kind asked for (a wallet session for
// getSessionSigs, a session of that PKP for getPkpSessionSigs, of that PKP, action and jsParams for
// getLitActionSessionSigs), every requested resource and ability is one it was approved for (the
// same, or narrower than a `*`), with the same restrictions, and it has not expired. A request for
// more than that asks the user again.
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

/** What a session must be to serve a request: its kind and, for PKP sessions, what for. */
export type SessionSubject =
  | { kind: 'wallet' }
  | { kind: 'pkp'; pkpPublicKey: string }
  | { kind: 'lit-action'; pkpPublicKey: string; cid: string; jsParamsHash: string }
  /** A brokered call: any kind of session will do, as long as its capabilities cover it. */
  | { kind: 'any' };

const WALLET: SessionSubject = { kind: 'wallet' };

/**
 * True when the record is a session of exactly this kind and subject. Only sessions whose sigs
 * the page was given at approval serve a page's request for sigs: handing out a brokered
 * session's sigs would let the page skip the confirmations it was approved with.
 */
export function isOfSubject(record: SessionRecord, subject: SessionSubject): boolean {
  if (subject.kind === 'any') return true;
  if (record.pageGetsSigs !== true) return false;
  if (record.authMethod !== subject.kind) return false;
  if (subject.kind === 'wallet') return true;
  if (record.pkp?.publicKey !== subject.pkpPublicKey) return false;
  if (subject.kind === 'pkp') return true;
  return (
    record.litAction?.cid === subject.cid && record.litAction.jsParamsHash === subject.jsParamsHash
  );
}

export function covers(
  record: SessionRecord,
  requests: readonly ResourceAbilityRequest[],
  now: number,
  walletSource?: WalletSource,
  subject: SessionSubject = WALLET,
): boolean {
  if (!record.capability) return false;
  if (!isOfSubject(record, subject)) return false;
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
  subject: SessionSubject = WALLET,
): SessionRecord | undefined {
  return records
    .filter((r) => covers(r, requests, now, walletSource, subject))
    .sort((a, b) => Date.parse(b.expiration) - Date.parse(a.expiration))[0];
}
