// Sends one request to the nodes and gathers answers until there are enough, every node asked
// has answered, or the deadline passes: a slow or dead node never holds up the rest. With
// `first`, only that many nodes are asked at once and the others are spares, asked when one of
// them fails, when their answers are not enough, or after `hedgeAfterMs` (a hedged request):
// a threshold operation then costs the network `threshold` nodes' work, not all of them.
import { NodeCallError } from './node-call';

export interface Gathered<T> {
  /** Answers that passed, in arrival order. */
  successes: { url: string; value: T }[];
  /** Nodes that failed or did not answer in time, with why (spares never asked are not listed). */
  failures: { url: string; error: NodeCallError }[];
}

export interface GatherOptions<T> {
  /** True once the answers so far are enough (e.g. `threshold` valid shares). */
  enough: (successes: readonly { url: string; value: T }[]) => boolean;
  timeoutMs: number;
  /** How many nodes to ask at once, in the order given (default: all of them). */
  first?: number;
  /** When the first ones have not been enough after this long, ask the rest (default 500 ms). */
  hedgeAfterMs?: number;
}

const DEFAULT_HEDGE_AFTER_MS = 500;

export function gather<T>(
  urls: readonly string[],
  call: (url: string, signal: AbortSignal) => Promise<T>,
  options: GatherOptions<T>,
): Promise<Gathered<T>> {
  const controller = new AbortController();
  const result: Gathered<T> = { successes: [], failures: [] };
  const spares = [...urls];
  const asked: string[] = [];
  return new Promise((resolve) => {
    let inFlight = 0;
    let done = false;
    let hedge: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(hedge);
      // Nodes still working are told to stop, and reported as not having answered in time.
      const answered = new Set([...result.successes, ...result.failures].map((r) => r.url));
      for (const url of asked) {
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
      // Only calls still running need stopping (an abort builds a DOMException with its stack).
      if (asked.length > answered.size) controller.abort();
      resolve(result);
    };
    const ask = (count: number) => {
      for (const url of spares.splice(0, count)) {
        asked.push(url);
        inFlight++;
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
              ask(1);
            },
          )
          .finally(() => {
            inFlight--;
            if (done) return;
            // Everyone asked has answered and it is not enough: one more spare, or the end.
            if (inFlight === 0 && spares.length > 0) ask(1);
            if (inFlight === 0) finish();
          });
      }
    };
    const timer = setTimeout(finish, options.timeoutMs);
    if (urls.length === 0) {
      finish();
      return;
    }
    const first = Math.max(1, Math.min(options.first ?? urls.length, urls.length));
    if (first < urls.length) {
      hedge = setTimeout(() => ask(spares.length), options.hedgeAfterMs ?? DEFAULT_HEDGE_AFTER_MS);
    }
    ask(first);
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
