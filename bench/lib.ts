// Tiny benchmark helpers: every figure is printed beside a baseline measured in the same run,
// so the ratio, not the machine, is what a target is about.

export interface Figure {
  /** What was measured, in words. */
  name: string;
  /** Operations per second of the thing under test. */
  opsPerSec: number;
  /** The baseline it is compared with, measured in the same run. */
  baseline: { name: string; opsPerSec: number };
  /** The target for `opsPerSec / baseline.opsPerSec` (at least), when there is one. */
  minRatio?: number;
  /** Or the target for `baseline.opsPerSec / opsPerSec` (at least): "N× faster than baseline". */
  minSpeedup?: number;
}

/** A latency comparison: percentiles of the thing under test beside a baseline's. */
export interface LatencyFigure {
  name: string;
  p50Ms: number;
  p95Ms: number;
  baseline: { name: string; p50Ms: number; p95Ms: number };
  /** The target for `p50Ms / baseline.p50Ms` (at most), when there is one. */
  maxP50Ratio?: number;
}

export type AnyFigure = Figure | LatencyFigure;

/** The p-th percentile (0..100) of `samples` by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a short warm-up) and returns ops/s. */
export async function measure(fn: () => unknown, ms = 1000): Promise<number> {
  const warmUntil = performance.now() + Math.min(200, ms / 4);
  while (performance.now() < warmUntil) await fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    n++;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/** Formats one figure as a line and says whether it meets its target. */
export function formatFigure(f: AnyFigure): { line: string; ok: boolean } {
  if ('p50Ms' in f) return formatLatency(f);
  const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const ratio = f.opsPerSec / f.baseline.opsPerSec;
  let ok = true;
  let target = '';
  if (f.minRatio !== undefined) {
    ok = ratio >= f.minRatio;
    target = ` target ≥ ${(f.minRatio * 100).toFixed(0)}% of baseline`;
  }
  if (f.minSpeedup !== undefined) {
    ok = ratio >= f.minSpeedup;
    target = ` target ≥ ${f.minSpeedup}× baseline`;
  }
  const line =
    `${f.name}: ${fmt(f.opsPerSec)} ops/s | baseline ${f.baseline.name}: ` +
    `${fmt(f.baseline.opsPerSec)} ops/s | ratio ${ratio.toFixed(2)}×${target}` +
    (target ? (ok ? ' ✓' : ' ✗ MISSED') : '');
  return { line, ok };
}

function formatLatency(f: LatencyFigure): { line: string; ok: boolean } {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const ratio = f.p50Ms / f.baseline.p50Ms;
  const ok = f.maxP50Ratio === undefined || ratio <= f.maxP50Ratio;
  const target = f.maxP50Ratio === undefined ? '' : ` target ≤ ${f.maxP50Ratio}× baseline p50`;
  const line =
    `${f.name}: p50 ${ms(f.p50Ms)}, p95 ${ms(f.p95Ms)} | baseline ${f.baseline.name}: ` +
    `p50 ${ms(f.baseline.p50Ms)}, p95 ${ms(f.baseline.p95Ms)} | p50 ratio ${ratio.toFixed(2)}×${target}` +
    (target ? (ok ? ' ✓' : ' ✗ MISSED') : '');
  return { line, ok };
}

/** Completed calls per second with `concurrency` calls in flight for about `ms`. */
export async function sustained(
  call: () => Promise<unknown>,
  concurrency: number,
  ms: number,
): Promise<number> {
  let done = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await call();
        done++;
      }
    }),
  );
  return (done * 1000) / (performance.now() - start);
}

/**
 * Runs `fn` with console.log silenced: Lit's SDK logs every decryption's signature
 * (`@lit-protocol/crypto`), which would bury the figures. Calls run one at a time here.
 */
export async function withoutConsoleLog<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}
