import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows a burst, then refills at the set rate, per key', () => {
    let t = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 2 }, () => t);
    for (let i = 0; i < 3; i++) limiter.take('a');
    expect(() => limiter.take('a')).toThrow(expect.objectContaining({ code: -32005 }));
    limiter.take('b');
    t = 500;
    limiter.take('a');
    expect(() => limiter.take('a')).toThrow(expect.objectContaining({ code: -32005 }));
  });
});
