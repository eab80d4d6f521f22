// The order the popup lists sessions in, and the part of it the first render shows.
import type { SessionSummary } from '../../messages';

/** Sessions grouped by origin: origins alphabetically, each origin's sessions as given. */
export function byOrigin(sessions: readonly SessionSummary[]): [string, SessionSummary[]][] {
  const groups = new Map<string, SessionSummary[]>();
  for (const s of sessions) {
    const group = groups.get(s.origin);
    if (group) group.push(s);
    else groups.set(s.origin, [s]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** The first `count` sessions in the popup's order (the list itself when it is that short). */
export function firstListed(
  sessions: readonly SessionSummary[],
  count: number,
): readonly SessionSummary[] {
  // The same array: useDeferredValue then has nothing to render again.
  if (sessions.length <= count) return sessions;
  return byOrigin(sessions)
    .flatMap(([, group]) => group)
    .slice(0, count);
}
