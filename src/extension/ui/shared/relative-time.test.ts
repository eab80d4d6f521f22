import { describe, expect, it } from 'vitest';
import { durationLabel, expiryState, relativeTime } from './relative-time';

const now = Date.parse('2026-05-01T12:00:00Z');
const min = 60_000;

describe('relativeTime', () => {
  it('says how far a future or past time is, in the largest sensible units', () => {
    expect(relativeTime(now + 30_000, now)).toBe('in 30 s');
    expect(relativeTime(now + 5 * min, now)).toBe('in 5 min');
    expect(relativeTime(now + 185 * min, now)).toBe('in 3 h 5 min');
    expect(relativeTime(now + 24 * 60 * min, now)).toBe('in 1 day');
    expect(relativeTime(now + 50 * 60 * min, now)).toBe('in 2 days 2 h');
    expect(relativeTime(now - 2 * min, now)).toBe('2 min ago');
  });
});

describe('expiryState', () => {
  it('marks sessions within 10 minutes of their end, and ended ones', () => {
    expect(expiryState(now + 11 * min, now)).toBe('active');
    expect(expiryState(now + 10 * min, now)).toBe('expiring');
    expect(expiryState(now + 1, now)).toBe('expiring');
    expect(expiryState(now, now)).toBe('expired');
  });
});

describe('durationLabel', () => {
  it('names session lengths', () => {
    expect(durationLabel(10)).toBe('10 min');
    expect(durationLabel(240)).toBe('4 h');
    expect(durationLabel(30 * 24 * 60)).toBe('30 days');
  });
});
