// The devnet's "Mint a capacity credit" form turned into the worker's request, or why not yet.
import type { InternalRequest } from '../../messages';
import { wholeNumber, type Parsed } from '../shared/whole-number';

/** The worker's ranges for `ui_mintCredit` (messages.ts). */
export const RATE = { name: 'Requests per kilosecond', min: 1, max: 1_000_000 } as const;
export const DAYS = { name: 'Days', min: 1, max: 365 } as const;
export const DEFAULT_RATE = 100;
export const DEFAULT_DAYS = 30;

export function mintRequest(
  rate: string,
  days: string,
): Parsed<Extract<InternalRequest, { type: 'ui_mintCredit' }>> {
  const r = wholeNumber(rate, RATE);
  if (!r.ok) return r;
  const d = wholeNumber(days, DAYS);
  if (!d.ok) return d;
  return {
    ok: true,
    value: { type: 'ui_mintCredit', requestsPerKilosecond: r.value, days: d.value },
  };
}
