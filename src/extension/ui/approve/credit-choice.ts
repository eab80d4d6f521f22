// Whether the approval window can offer to attach a capacity credit, and if not, why: the credit
// belongs to the built-in account, so without one (or without a usable credit) the box stays off.
import type { CapacityCredit, InternalResults } from '../../messages';
import { creditExpired } from '../shared/credit-line';

export type CreditsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | ({ status: 'loaded' } & InternalResults['ui_listCredits']);

export type CreditAvailability =
  { available: true; credits: CapacityCredit[] } | { available: false; reason: string };

export function creditAvailability(state: CreditsState, now: number): CreditAvailability {
  switch (state.status) {
    case 'loading':
      return { available: false, reason: 'Looking for your capacity credits…' };
    case 'error':
      return {
        available: false,
        reason: `Your capacity credits could not be listed: ${state.message}`,
      };
    case 'loaded': {
      if (!state.owner) {
        return {
          available: false,
          reason:
            'Capacity credits belong to the built-in account, and there is none: create one in the options page.',
        };
      }
      const usable = state.credits.filter((c) => !creditExpired(c, now));
      if (usable.length === 0) {
        return {
          available: false,
          reason: `The built-in account has no capacity credit on this network${
            state.devnet ? ': mint one in the options page.' : '.'
          }`,
        };
      }
      return { available: true, credits: usable };
    }
  }
}

/** A warning when the credit ends before the session does (the nodes stop honouring it then). */
export function creditEndsFirst(
  credit: CapacityCredit,
  sessionEnd: number,
  dates: Intl.DateTimeFormat,
): string | null {
  const end = Date.parse(credit.expiresAt);
  return end < sessionEnd
    ? `This credit ends ${dates.format(end)}, before the session does: calls after that are not covered by it.`
    : null;
}

/**
 * The credit the decision attaches: the one chosen while it is still offered, else none. A credit
 * can stop being offered while the window is open (it ends): kept, it would be sent for the
 * worker to refuse, with the box checked but disabled (nothing else left) or a select showing
 * another credit than the one sent.
 */
export function attachedCredit<T extends { tokenId: string }>(
  chosen: T | null,
  availability: CreditAvailability,
): T | null {
  if (!chosen || !availability.available) return null;
  return availability.credits.some((c) => c.tokenId === chosen.tokenId) ? chosen : null;
}
