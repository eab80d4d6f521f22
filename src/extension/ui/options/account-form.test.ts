import { describe, expect, it } from 'vitest';
import { internalRequestSchema } from '../../messages';
import { PASSWORD, createRequest, importRequest, mismatch, unlockRequest } from './account-form';

const KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const takes = (request: unknown) => internalRequestSchema.safeParse(request).success;

describe('the built-in account forms', () => {
  it('create only when the password is typed the same twice', () => {
    expect(createRequest('correct horse', 'correct horse')).toEqual({
      ok: true,
      value: { type: 'ui_createAccount', password: 'correct horse' },
    });
    expect(createRequest('correct horse', '')).toEqual({
      ok: false,
      reason: 'Type the password again to confirm it.',
    });
    expect(createRequest('correct horse', 'correct hrose')).toEqual({
      ok: false,
      reason: 'The two passwords do not match.',
    });
    // Spaces count: a password is kept exactly as typed, so the confirmation must match exactly.
    expect(createRequest('correct horse', 'correct horse ')).toMatchObject({ ok: false });
  });

  it('say a mismatch once the confirmation leaves the password, not while it is being typed', () => {
    expect(mismatch('correct horse', '')).toBeNull();
    expect(mismatch('correct horse', 'correct')).toBeNull();
    expect(mismatch('correct horse', 'correct horse')).toBeNull();
    expect(mismatch('correct horse', 'correct hrose')).toBe('The two passwords do not match.');
    expect(mismatch('correct horse', 'correct horse!')).toBe('The two passwords do not match.');
    // Still typing: the button says why it waits, without the alert.
    expect(createRequest('correct horse', 'correct')).toEqual({
      ok: false,
      reason: 'Type the password again to confirm it.',
    });
  });

  it('import a key of 32 bytes of hex, with the password confirmed', () => {
    const built = importRequest(`  0x${KEY} `, 'correct horse', 'correct horse');
    expect(built).toEqual({
      ok: true,
      value: { type: 'ui_importAccount', privateKey: `0x${KEY}`, password: 'correct horse' },
    });
    expect(built.ok && takes(built.value)).toBe(true);
    expect(importRequest('', 'correct horse', 'correct horse')).toEqual({
      ok: false,
      reason: 'Paste the private key to import.',
    });
    expect(importRequest(KEY.slice(2), 'correct horse', 'correct horse')).toEqual({
      ok: false,
      reason: 'A private key is 64 hex characters (0x in front is optional).',
    });
    expect(importRequest(KEY, 'correct horse', 'other horse')).toEqual({
      ok: false,
      reason: 'The two passwords do not match.',
    });
  });

  it('use exactly the password range the worker accepts', () => {
    const shortest = 'x'.repeat(PASSWORD.min);
    const longest = 'x'.repeat(PASSWORD.max);
    for (const password of [shortest, longest]) {
      const built = createRequest(password, password);
      expect(built.ok && takes(built.value)).toBe(true);
      const unlock = unlockRequest(password);
      expect(unlock.ok && takes(unlock.value)).toBe(true);
    }
    // One past each end: the forms refuse, and so would the worker.
    const tooShort = 'x'.repeat(PASSWORD.min - 1);
    const tooLong = 'x'.repeat(PASSWORD.max + 1);
    expect(takes({ type: 'ui_createAccount', password: tooShort })).toBe(false);
    expect(takes({ type: 'ui_createAccount', password: tooLong })).toBe(false);
    expect(createRequest(tooShort, tooShort)).toEqual({
      ok: false,
      reason: 'The password needs at least 8 characters.',
    });
    expect(createRequest(tooLong, tooLong)).toEqual({
      ok: false,
      reason: 'The password can have at most 1024 characters.',
    });
    expect(unlockRequest(tooShort)).toMatchObject({ ok: false });
  });
});
