// The approval form's state turned into the decision the worker takes (`ui_decide`), or the
// reason it cannot be sent yet (shown beside the disabled Approve button).
import type { AccountStatus, ApprovalDecision, PkpSigningPolicy } from '../../messages';
import { wholeNumber, type Parsed } from '../shared/whole-number';
import {
  currentChoice,
  expirationOf,
  MIN_LENGTH_MINUTES,
  type LengthChoice,
} from './session-length';

/** Uses a delegation may allow: the worker's range (messages.ts `MAX_DELEGATION_USES`). */
export const USES = { name: 'Uses', min: 1, max: 1_000_000 } as const;
export const DEFAULT_USES = 10;
/** The built-in account's password rule (messages.ts `password`). */
const MIN_PASSWORD = 8;

export type Signer = { source: 'page'; walletId: string } | { source: 'builtin' };

export interface DecisionForm {
  signer: Signer | null;
  account: AccountStatus;
  password: string;
  /** Chosen session length (`session-length.ts`). */
  length: LengthChoice;
  /** The request's latest expiration (ISO 8601). */
  maxExpiration: string;
  /** Null when the request cannot sign with a PKP (the question is not asked). */
  pkpSigning: PkpSigningPolicy | null;
  /** Null when no credit is attached; `uses` as typed. */
  credit: { tokenId: string; uses: string } | null;
}

/** The built-in account must be unlocked to sign the capability or the credit's delegation. */
export function needsPassword(form: Pick<DecisionForm, 'signer' | 'account' | 'credit'>): boolean {
  return (form.signer?.source === 'builtin' || form.credit !== null) && !form.account.unlocked;
}

export function buildDecision(
  form: DecisionForm,
  now: number,
): Parsed<Extract<ApprovalDecision, { approve: true }>> {
  if (!form.signer) return { ok: false, reason: 'Choose a wallet first.' };
  // As the select shows it now: a length that no longer fits before the limit is the limit.
  const length = currentChoice(form.length, form.maxExpiration, now);
  if (length === null) {
    return {
      ok: false,
      reason:
        Date.parse(form.maxExpiration) > now
          ? `Less than ${MIN_LENGTH_MINUTES} minutes are left of the time this request allowed: deny it.`
          : 'The time this request allowed has passed: deny it.',
    };
  }
  const expiration = expirationOf(length, form.maxExpiration, now);
  const password = needsPassword(form);
  if (password && form.password.length < MIN_PASSWORD) {
    return {
      ok: false,
      reason: `Enter the password of the built-in account (at least ${MIN_PASSWORD} characters).`,
    };
  }
  let capacityCredit: { tokenId: string; uses: number } | undefined;
  if (form.credit) {
    if (!form.credit.tokenId) return { ok: false, reason: 'Choose a capacity credit.' };
    const uses = wholeNumber(form.credit.uses, USES);
    if (!uses.ok) return uses;
    capacityCredit = { tokenId: form.credit.tokenId, uses: uses.value };
  }
  return {
    ok: true,
    value: {
      approve: true,
      walletSource: form.signer.source,
      ...(form.signer.source === 'page' ? { walletId: form.signer.walletId } : {}),
      expiration: new Date(expiration).toISOString(),
      ...(password ? { password: form.password } : {}),
      ...(form.pkpSigning ? { pkpSigning: form.pkpSigning } : {}),
      ...(capacityCredit ? { capacityCredit } : {}),
    },
  };
}

/**
 * What Approve sends: the decision as the form was on screen at `shownAt` (the clock the select's
 * options were rendered with, their end printed to the second), so the expiration signed is the
 * one the user read, not one up to a tick later. Refused if, by `now`, too little time is left.
 */
export function decisionAsShown(
  form: DecisionForm,
  shownAt: number,
  now: number,
): ReturnType<typeof buildDecision> {
  const shown = buildDecision(form, shownAt);
  if (!shown.ok) return shown;
  const stillPossible = buildDecision(form, now);
  return stillPossible.ok ? shown : stillPossible;
}
