import { describe, expect, it } from 'vitest';
import { NOTHING_SHOWN, nextShown } from './request-switch';

const none = new Set<string>();

describe('nextShown', () => {
  it('the first request shown is no switch', () => {
    expect(nextShown(NOTHING_SHOWN, 'a', none)).toEqual({ id: 'a', switchedTo: null });
  });

  it('a request that replaces one the user did not decide is a switch', () => {
    const a = nextShown(NOTHING_SHOWN, 'a', none);
    expect(nextShown(a, 'b', none)).toEqual({ id: 'b', switchedTo: 'b' });
  });

  it('the next request after the user decided is no switch', () => {
    const a = nextShown(NOTHING_SHOWN, 'a', none);
    expect(nextShown(a, 'b', new Set(['a']))).toEqual({ id: 'b', switchedTo: null });
  });

  it('the same request re-read, or nothing shown for a while, changes nothing', () => {
    const b = nextShown(nextShown(NOTHING_SHOWN, 'a', none), 'b', none);
    expect(nextShown(b, 'b', none)).toBe(b);
    expect(nextShown(b, null, none)).toBe(b);
    // A failure shown in between: the next request is compared with the one decided before it.
    const afterFailure = nextShown(nextShown(b, null, none), 'c', new Set(['b']));
    expect(afterFailure).toEqual({ id: 'c', switchedTo: null });
  });
});
