import { describe, expect, it } from 'vitest';
import { internalRequestSchema } from '../../messages';
import { DAYS, DEFAULT_DAYS, DEFAULT_RATE, RATE, mintRequest } from './mint-form';

describe('mintRequest', () => {
  it('builds the request from the defaults, which the worker takes', () => {
    const built = mintRequest(String(DEFAULT_RATE), String(DEFAULT_DAYS));
    expect(built).toEqual({
      ok: true,
      value: { type: 'ui_mintCredit', requestsPerKilosecond: 100, days: 30 },
    });
    expect(built.ok && internalRequestSchema.safeParse(built.value).success).toBe(true);
  });

  it('uses exactly the ranges the worker accepts', () => {
    for (const [rate, days] of [
      [RATE.min, DAYS.min],
      [RATE.max, DAYS.max],
    ]) {
      const built = mintRequest(String(rate), String(days));
      expect(built.ok && internalRequestSchema.safeParse(built.value).success).toBe(true);
    }
    // One past each end: the form refuses, and so would the worker.
    const past = { type: 'ui_mintCredit', requestsPerKilosecond: RATE.max + 1, days: DAYS.max };
    expect(internalRequestSchema.safeParse(past).success).toBe(false);
    expect(
      internalRequestSchema.safeParse({ ...past, requestsPerKilosecond: 1, days: 366 }).success,
    ).toBe(false);
    expect(mintRequest(String(RATE.max + 1), '30')).toEqual({
      ok: false,
      reason: 'Requests per kilosecond must be a whole number from 1 to 1,000,000',
    });
    expect(mintRequest('100', '366')).toEqual({
      ok: false,
      reason: 'Days must be a whole number from 1 to 365',
    });
    expect(mintRequest('100', '')).toMatchObject({ ok: false });
  });
});
