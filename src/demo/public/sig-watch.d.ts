// Types of sig-watch.js (the page's plain JavaScript), for the tests and e2e suites that import it.

/** What in `value` parses as a session sig or a session key (one description each). */
export function sessionSecretsIn(value: unknown): string[];

/** Counts what parses as a session sig or key on every channel the page reaches. */
export function watchChannels(
  provider: { on(event: string, listener: (data: unknown) => void): unknown },
  events: readonly string[],
): { seen(): number };
