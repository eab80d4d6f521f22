// A token bucket per origin: a page that floods the worker gets -32005 instead of its attention.
import { ProviderErrorCode } from '../messages';
import { ProviderRpcError } from './errors';

export interface RateLimit {
  /** Requests allowed at once. */
  burst: number;
  /** Requests per second after that. */
  perSecond: number;
}

export function createRateLimiter(limit: RateLimit, now: () => number = () => performance.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one token for `key`, or throws -32005. */
    take(key: string): void {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
      bucket.tokens = Math.min(
        limit.burst,
        bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond,
      );
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        throw new ProviderRpcError(ProviderErrorCode.rateLimited, 'Too many requests: slow down');
      }
      bucket.tokens -= 1;
    },
  };
}
