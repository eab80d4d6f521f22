import { describe, expect, it } from 'vitest';
import { wholeNumber } from './whole-number';

const uses = { name: 'Uses', min: 1, max: 1_000_000 };

describe('wholeNumber', () => {
  it('takes integers within the range, around spaces', () => {
    expect(wholeNumber('10', uses)).toEqual({ ok: true, value: 10 });
    expect(wholeNumber(' 1 ', uses)).toEqual({ ok: true, value: 1 });
    expect(wholeNumber('1000000', uses)).toEqual({ ok: true, value: 1_000_000 });
  });

  it('refuses what is out of range, fractional, signed, empty or not a number, naming the field', () => {
    const reason = 'Uses must be a whole number from 1 to 1,000,000';
    for (const text of ['0', '1000001', '2.5', '-3', '+3', '', '1e3', 'ten', '0x10']) {
      expect(wholeNumber(text, uses)).toEqual({ ok: false, reason });
    }
  });
});
