// A capacity credit in words, as the options page lists it and the approval window offers it:
// "Credit #7: 100 requests per kilosecond, until 1 Jun 2026".
import type { CapacityCredit } from '../../messages';

const mediumDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function creditExpired(credit: CapacityCredit, now: number): boolean {
  return !(Date.parse(credit.expiresAt) > now);
}

export function creditLine(
  credit: CapacityCredit,
  now: number,
  dates: Intl.DateTimeFormat = mediumDate,
): string {
  const end = Date.parse(credit.expiresAt);
  const date = Number.isNaN(end) ? 'an unknown date' : dates.format(end);
  return `Credit #${credit.tokenId}: ${credit.requestsPerKilosecond} requests per kilosecond, ${
    creditExpired(credit, now) ? `ended ${date}` : `until ${date}`
  }`;
}
