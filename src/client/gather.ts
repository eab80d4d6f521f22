// Sends one request to every node at once and gathers answers until there are enough, every
// node has answered, or the deadline passes: a slow or dead node never holds up the rest.
import { NodeCallError } from './node-call';

export interface Gathered<T> {
  /** Answers that passed, in arrival order. */
  successes: { url: string; value: T }[];
  /** Nodes that failed or did not answer in time, with why. */
  failures: { url: string; error: NodeCallError }[];
}

export interface GatherOptions<T> {
  /** True once the answers so far are enough (e.g. `threshold` valid shares). */
  enough: (successes: readonly { url: string; value: T }[]) => boolean;
  timeoutMs: number;
}

export function gather<T>(
  urls: readonly string[],
  call: (url: string, signal: AbortSignal) => Promise<T>,
  options: GatherOptions<T>,
): Promise<Gathered<T>> {
  const controller = new AbortController();
  const result: Gathered<T> = { successes: [], failures: [] };
  return new Promise((resolve) => {
    let pending = urls.length;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Nodes still working are told to stop, and reported as not having answered in time.
      const answered = new Set([...result.successes, ...result.failures].map((r) => r.url));
      for (const url of urls) {
        if (!answered.has(url)) {
          result.failures.push({
            url,
            error: new NodeCallError(url, {
              kind: 'timeout',
              message: `no answer within ${options.timeoutMs} ms`,
            }),
          });
        }
      }
      controller.abort();
      resolve(result);
    };
    const timer = setTimeout(finish, options.timeoutMs);
    if (pending === 0) finish();
    for (const url of urls) {
      call(url, controller.signal)
        .then(
          (value) => {
            if (done) return;
            result.successes.push({ url, value });
            if (options.enough(result.successes)) finish();
          },
          (e: unknown) => {
            if (done) return;
            result.failures.push({ url, error: asNodeCallError(url, e) });
          },
        )
        .finally(() => {
          if (--pending === 0) finish();
        });
    }
  });
}

function asNodeCallError(url: string, e: unknown): NodeCallError {
  if (e instanceof NodeCallError) return e;
  return new NodeCallError(url, {
    kind: 'invalid-response',
    message: e instanceof Error ? e.message : String(e),
  });
}

/** The most common value of `key(x)` among `items` (first seen wins a tie), or undefined. */
export function mostCommon<T, K>(items: readonly T[], key: (item: T) => K): T | undefined {
  const counts = new Map<K, { item: T; n: number }>();
  for (const item of items) {
    const k = key(item);
    const entry = counts.get(k);
    if (entry) entry.n++;
    else counts.set(k, { item, n: 1 });
  }
  let best: { item: T; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.item;
}

/** The error most nodes agree on (by Lit `errorCode`, else by kind), as Lit's SDK reports. */
export function mostCommonError(
  failures: Gathered<unknown>['failures'],
): NodeCallError | undefined {
  return mostCommon(
    failures.map((f) => f.error),
    (e) => e.errorCode ?? e.failure.kind,
  );
}
