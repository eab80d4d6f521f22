import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../messages';
import { byOrigin, firstListed } from './session-groups';

const session = (id: string, origin: string) => ({ id, origin }) as SessionSummary;

describe('byOrigin', () => {
  it('groups by origin, origins sorted, sessions in their given order', () => {
    const groups = byOrigin([
      session('1', 'http://b.test'),
      session('2', 'http://a.test'),
      session('3', 'http://b.test'),
    ]);
    expect(groups.map(([origin, list]) => [origin, list.map((s) => s.id)])).toEqual([
      ['http://a.test', ['2']],
      ['http://b.test', ['1', '3']],
    ]);
  });
});

describe('firstListed', () => {
  const sessions = [
    session('1', 'http://c.test'),
    session('2', 'http://a.test'),
    session('3', 'http://b.test'),
    session('4', 'http://a.test'),
  ];

  it('takes the first sessions in the order the popup lists them', () => {
    expect(firstListed(sessions, 3).map((s) => s.id)).toEqual(['2', '4', '3']);
    expect(firstListed(sessions, 4)).toBe(sessions);
  });

  it('grouped again, gives the beginning of the whole list', () => {
    const all = byOrigin(sessions).flatMap(([, list]) => list);
    for (let n = 0; n <= sessions.length + 1; n++) {
      const first = byOrigin(firstListed(sessions, n)).flatMap(([, list]) => list);
      expect(first).toEqual(all.slice(0, n));
    }
  });
});
