// One brokered call as a line of the popup's activity list:
// "lit_pkpSign · ok · 2 nodes · 12:03:04", and for a failure what the page was told.
import type { ActivityEntry } from '../../messages';

const resultWords: Record<ActivityEntry['result'], string> = {
  ok: 'ok',
  refused: 'refused',
  'node-error': 'node error',
};

const two = (n: number) => String(n).padStart(2, '0');

function clock(d: Date): string {
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function day(d: Date): string {
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

function nodesWords(count: number): string {
  if (count === 0) return 'no nodes';
  return `${count} node${count === 1 ? '' : 's'}`;
}

/** When the call ended, local time; sessions last up to 30 days, so other days carry the date. */
export function activityTime(at: string, now: number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return 'at an unknown time';
  return day(d) === day(new Date(now)) ? clock(d) : `${day(d)} ${clock(d)}`;
}

export function activityLine(entry: ActivityEntry, now: number): string {
  const parts = [
    entry.method,
    resultWords[entry.result],
    nodesWords(entry.nodes.length),
    activityTime(entry.at, now),
  ];
  if (entry.result !== 'ok' && entry.message) parts.push(entry.message);
  return parts.join(' · ');
}
