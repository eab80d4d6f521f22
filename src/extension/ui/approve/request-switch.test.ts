import { describe, expect, it } from 'vitest';
import { NOTHING_SHOWN, nextShown, replacedAnother } from './request-switch';

const none = new Set<string>();

describe('nextShown', () => {
  it('the first request shown is neither held nor a switch', () => {
    const a = nextShown(NOTHING_SHOWN, 'a', none);
    expect(a).toEqual({ id: 'a', arrival: 'first', count: 1 });
    expect(replacedAnother(a)).toBe(false);
  });

  it('a request that replaces one the user did not decide is a switch, and held', () => {
    const a = nextShown(NOTHING_SHOWN, 'a', none);
    const b = nextShown(a, 'b', none);
    expect(b).toEqual({ id: 'b', arrival: 'switched', count: 2 });
    expect(replacedAnother(b)).toBe(true);
  });

  it('the next request after the user decided is no switch, but is held all the same', () => {
    // The second click of a double-click on Approve lands on it: it must wait like a switch.
    const a = nextShown(NOTHING_SHOWN, 'a', none);
    const b = nextShown(a, 'b', new Set(['a']));
    expect(b).toEqual({ id: 'b', arrival: 'next', count: 2 });
    expect(replacedAnother(b)).toBe(true);
    const c = nextShown(b, 'c', new Set(['a', 'b']));
    expect(c).toEqual({ id: 'c', arrival: 'next', count: 3 });
    expect(replacedAnother(c)).toBe(true);
  });

  it('the same request re-read, or nothing shown for a while, changes nothing', () => {
    const b = nextShown(nextShown(NOTHING_SHOWN, 'a', none), 'b', none);
    expect(nextShown(b, 'b', none)).toBe(b);
    expect(nextShown(b, null, none)).toBe(b);
    // A failure shown in between: the next request is compared with the one decided before it,
    // and is held (the click that dismissed the failure may have a second one behind it).
    const afterFailure = nextShown(nextShown(b, null, none), 'c', new Set(['b']));
    expect(afterFailure).toEqual({ id: 'c', arrival: 'next', count: 3 });
    expect(replacedAnother(afterFailure)).toBe(true);
  });
});
