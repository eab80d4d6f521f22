import { describe, expect, it } from 'vitest';
import { attachedCredit, creditAvailability, creditEndsFirst } from './credit-choice';

const now = Date.parse('2026-05-01T12:00:00Z');
const live = { tokenId: '7', requestsPerKilosecond: 100, expiresAt: '2026-06-01T00:00:00Z' };
const ended = { tokenId: '3', requestsPerKilosecond: 10, expiresAt: '2026-04-01T00:00:00Z' };
const owner = '0x1111111111111111111111111111111111111111';

describe('creditAvailability', () => {
  it('offers the credits that have not ended', () => {
    expect(
      creditAvailability({ status: 'loaded', owner, credits: [ended, live], devnet: true }, now),
    ).toEqual({ available: true, credits: [live] });
  });

  it('says why nothing can be attached: no account, no usable credit, still loading, or an error', () => {
    expect(
      creditAvailability({ status: 'loaded', owner: null, credits: [], devnet: true }, now),
    ).toEqual({
      available: false,
      reason:
        'Capacity credits belong to the built-in account, and there is none: create one in the options page.',
    });
    expect(
      creditAvailability({ status: 'loaded', owner, credits: [ended], devnet: true }, now),
    ).toEqual({
      available: false,
      reason:
        'The built-in account has no capacity credit on this network: mint one in the options page.',
    });
    expect(
      creditAvailability({ status: 'loaded', owner, credits: [], devnet: false }, now),
    ).toEqual({
      available: false,
      reason: 'The built-in account has no capacity credit on this network.',
    });
    expect(creditAvailability({ status: 'loading' }, now)).toEqual({
      available: false,
      reason: 'Looking for your capacity credits…',
    });
    expect(
      creditAvailability({ status: 'error', message: 'The chain did not answer' }, now),
    ).toEqual({
      available: false,
      reason: 'Your capacity credits could not be listed: The chain did not answer',
    });
  });
});

describe('creditEndsFirst', () => {
  const dates = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
  it('warns only when the credit ends before the session', () => {
    expect(creditEndsFirst(live, Date.parse('2026-05-02T00:00:00Z'), dates)).toBeNull();
    expect(creditEndsFirst(live, Date.parse('2026-06-02T00:00:00Z'), dates)).toBe(
      'This credit ends 1 Jun 2026, before the session does: calls after that are not covered by it.',
    );
  });
});

describe('attachedCredit', () => {
  const chosen = { tokenId: '7', uses: '10' };
  const other = { ...live, tokenId: '8' };

  it('attaches the chosen credit while it is offered', () => {
    expect(attachedCredit(chosen, { available: true, credits: [other, live] })).toBe(chosen);
    expect(attachedCredit(null, { available: true, credits: [live] })).toBeNull();
  });

  it('attaches nothing once the chosen credit is no longer offered', () => {
    // It ended while the window was open: another one is left, or none.
    const offered = (credits: (typeof live)[]) =>
      creditAvailability({ status: 'loaded', owner, credits, devnet: true }, now);
    expect(
      attachedCredit(chosen, offered([{ ...live, expiresAt: '2026-04-01T00:00:00Z' }, other])),
    ).toBeNull();
    expect(
      attachedCredit(chosen, offered([{ ...live, expiresAt: '2026-04-01T00:00:00Z' }])),
    ).toBeNull();
  });
});
