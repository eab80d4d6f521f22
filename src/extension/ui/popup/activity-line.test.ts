import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../messages';
import { activityLine, activityTime } from './activity-line';

// Local times: the popup shows the user's clock.
const at = new Date(2026, 4, 1, 12, 3, 4);
const now = new Date(2026, 4, 1, 18, 0, 0).getTime();

const entry = (over: Partial<ActivityEntry>): ActivityEntry => ({
  at: at.toISOString(),
  method: 'lit_pkpSign',
  result: 'ok',
  nodes: ['http://127.0.0.1:7470', 'http://127.0.0.1:7471'],
  ...over,
});

describe('activityLine', () => {
  it('reads method · result · nodes · time for a call that went through', () => {
    expect(activityLine(entry({}), now)).toBe('lit_pkpSign · ok · 2 nodes · 12:03:04');
    expect(activityLine(entry({ method: 'lit_decrypt', nodes: ['http://a'] }), now)).toBe(
      'lit_decrypt · ok · 1 node · 12:03:04',
    );
  });

  it('adds what the page was told when the call was refused or the nodes failed', () => {
    expect(
      activityLine(
        entry({ result: 'refused', nodes: [], message: 'The user refused the signature' }),
        now,
      ),
    ).toBe('lit_pkpSign · refused · no nodes · 12:03:04 · The user refused the signature');
    expect(
      activityLine(
        entry({
          method: 'lit_executeJs',
          result: 'node-error',
          nodes: ['http://a'],
          message: 'Only 1 of 3 nodes answered (2 needed)',
        }),
        now,
      ),
    ).toBe(
      'lit_executeJs · node error · 1 node · 12:03:04 · Only 1 of 3 nodes answered (2 needed)',
    );
  });

  it('leaves a message of a successful call out', () => {
    expect(activityLine(entry({ message: 'ignored' }), now)).not.toContain('ignored');
  });
});

describe('activityTime', () => {
  it('gives the date too for calls of another day, and says when the time is unreadable', () => {
    const nextDay = new Date(2026, 4, 2, 9, 0, 0).getTime();
    expect(activityTime(at.toISOString(), nextDay)).toBe('2026-05-01 12:03:04');
    expect(activityTime('not a date', now)).toBe('at an unknown time');
  });
});
