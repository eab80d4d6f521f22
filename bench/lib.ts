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
export function formatFigure(f: Figure): { line: string; ok: boolean } {
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
