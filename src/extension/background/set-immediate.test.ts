import { describe, expect, it } from 'vitest';
import { installSetImmediate } from './set-immediate';

type Scope = { setImmediate?: (fn: (...args: unknown[]) => void, ...args: unknown[]) => unknown };

describe('installSetImmediate', () => {
  it('runs callbacks in order, with their arguments, after the current task', async () => {
    const scope: Scope = {};
    installSetImmediate(scope);
    const ran: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      scope.setImmediate!((a, b) => ran.push([a, b]), 1, 'x');
      scope.setImmediate!(() => ran.push('second'));
      scope.setImmediate!(() => resolve());
    });
    expect(ran).toEqual([]);
    await done;
    expect(ran).toEqual([[1, 'x'], 'second']);
  });

  it('leaves an existing setImmediate alone', () => {
    const own = () => 'own';
    const scope: Scope = { setImmediate: own };
    installSetImmediate(scope);
    expect(scope.setImmediate).toBe(own);
  });
});
