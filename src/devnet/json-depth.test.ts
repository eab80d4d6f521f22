import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth';

describe('nestsDeeperThan', () => {
  it('measures nesting of objects and arrays', () => {
    expect(nestsDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(nestsDeeperThan('[1,[2],[3],[4]]', 2)).toBe(false);
    expect(nestsDeeperThan('['.repeat(10_000) + ']'.repeat(10_000))).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[[[' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: 'x"[[[[\\"[[' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify(['\\', [[[]]]]), 3)).toBe(true);
  });
});
