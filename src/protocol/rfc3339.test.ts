import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstants, instantFromMillis, instantToMillis, parseRfc3339 } from './rfc3339';

describe('RFC 3339 instants', () => {
  it('agree with Date for every millisecond ISO string', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 }), (ms) => {
        const t = parseRfc3339(new Date(ms).toISOString());
        expect(t).toEqual(instantFromMillis(ms));
        expect(instantToMillis(t!)).toBe(ms);
      }),
    );
  });

  it('keep nanoseconds, offsets and the separators chrono accepts', () => {
    expect(parseRfc3339('1970-01-01T00:00:00.123456789Z')).toEqual({
      seconds: 0,
      nanos: 123456789,
    });
    expect(parseRfc3339('1970-01-01T01:00:00+01:00')).toEqual({ seconds: 0, nanos: 0 });
    expect(parseRfc3339('1970-01-01 00:00:00-00:30')).toEqual({ seconds: 1800, nanos: 0 });
    expect(parseRfc3339('1969-12-31t23:59:59.5z')).toEqual({ seconds: -1, nanos: 500000000 });
    const a = parseRfc3339('2025-01-01T00:00:00.0000001Z')!;
    const b = parseRfc3339('2025-01-01T00:00:00Z')!;
    expect(compareInstants(a, b)).toBeGreaterThan(0);
  });

  it('reject what is not a real date-time', () => {
    for (const s of [
      '2025-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T00:00:60Z',
      '2024-01-01T00:00:00',
      '2024-01-01T00:00:00+24:00',
      '2024-01-01',
      ' 2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00.Z',
      '+002024-01-01T00:00:00Z',
      'x'.repeat(100),
    ]) {
      expect(parseRfc3339(s), s).toBeUndefined();
    }
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBeDefined();
    expect(parseRfc3339(123)).toBeUndefined();
  });
});
