// Limits of one run: Datil's defaults, the bounds a caller may choose, and their validation.
import { LitActionRequestError } from './request-error';
import type { LitActionLimits } from './types';

const KiB = 1024;
const MiB = 1024 * KiB;

export type ResolvedLimits = Required<LitActionLimits>;

/** Datil's limits (lit-operations.md, executeJs). */
export const DEFAULT_LIMITS: Readonly<ResolvedLimits> = Object.freeze({
  timeoutMs: 30_000,
  memoryBytes: 256 * MiB,
  maxResponseBytes: 100 * KiB,
  maxLogBytes: 100 * KiB,
  maxHostCalls: 50,
});

/** Inclusive bounds per limit; the memory ceiling keeps the wasm heap under its 2 GiB maximum. */
const BOUNDS: Readonly<Record<keyof ResolvedLimits, readonly [number, number]>> = {
  timeoutMs: [1, 15 * 60_000],
  memoryBytes: [1 * MiB, 1024 * MiB],
  maxResponseBytes: [0, 16 * MiB],
  maxLogBytes: [0, 16 * MiB],
  maxHostCalls: [0, 10_000],
};

/** The request's limits over the defaults; throws a `LitActionRequestError` naming a bad one. */
export function resolveLimits(limits: unknown): ResolvedLimits {
  if (limits === undefined) return { ...DEFAULT_LIMITS };
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
    throw new LitActionRequestError('limits: expected an object');
  }
  const out: ResolvedLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(limits)) {
    if (!Object.prototype.hasOwnProperty.call(BOUNDS, key)) {
      throw new LitActionRequestError(`limits.${key}: unknown limit`);
    }
    if (value === undefined) continue;
    const [min, max] = BOUNDS[key as keyof ResolvedLimits];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new LitActionRequestError(`limits.${key}: expected an integer from ${min} to ${max}`);
    }
    out[key as keyof ResolvedLimits] = value;
  }
  return out;
}
