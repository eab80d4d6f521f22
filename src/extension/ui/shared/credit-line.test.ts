import { describe, expect, it } from 'vitest';
import { creditExpired, creditLine } from './credit-line';

const dates = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const now = Date.parse('2026-05-01T12:00:00Z');
const credit = { tokenId: '7', requestsPerKilosecond: 100, expiresAt: '2026-06-01T00:00:00Z' };

describe('creditLine', () => {
  it('names the credit, its rate and its end', () => {
    expect(creditLine(credit, now, dates)).toBe(
      'Credit #7: 100 requests per kilosecond, until 1 Jun 2026',
    );
  });

  it('says when a credit has ended, or when its end cannot be read', () => {
    expect(creditLine({ ...credit, expiresAt: '2026-04-30T00:00:00Z' }, now, dates)).toBe(
      'Credit #7: 100 requests per kilosecond, ended 30 Apr 2026',
    );
    expect(creditLine({ ...credit, expiresAt: 'soon' }, now, dates)).toBe(
      'Credit #7: 100 requests per kilosecond, ended an unknown date',
    );
  });
});

describe('creditExpired', () => {
  it('counts a credit ending now as ended, and an unreadable end as ended', () => {
    expect(creditExpired(credit, now)).toBe(false);
    expect(creditExpired({ ...credit, expiresAt: new Date(now).toISOString() }, now)).toBe(true);
    expect(creditExpired({ ...credit, expiresAt: 'soon' }, now)).toBe(true);
  });
});
