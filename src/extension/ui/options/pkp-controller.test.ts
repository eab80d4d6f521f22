import { describe, expect, it } from 'vitest';
import { controllerFor } from './pkp-controller';

describe('controllerFor', () => {
  it('starts with the built-in account when there is one, else another wallet', () => {
    expect(controllerFor(null, true)).toBe('builtin');
    expect(controllerFor(null, false)).toBe('address');
  });

  it('keeps "for another wallet" once chosen, whatever the account does', () => {
    expect(controllerFor('address', true)).toBe('address');
    expect(controllerFor('address', false)).toBe('address');
  });

  it('keeps the built-in account while there is one, and leaves it once there is none', () => {
    expect(controllerFor('builtin', true)).toBe('builtin');
    expect(controllerFor('builtin', false)).toBe('address');
  });
});
