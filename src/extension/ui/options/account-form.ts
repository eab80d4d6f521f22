// The built-in account's forms turned into the worker's request, or why not yet. A new password is
// typed twice: the key is kept only encrypted with it, so a typo at creation would lock the user
// out of the account (and the credits and PKPs tied to its address) for good.
import type { InternalRequest } from '../../messages';
import type { Parsed } from '../shared/whole-number';

/** The worker's range for a password (messages.ts), in UTF-16 code units as zod counts. */
export const PASSWORD = { min: 8, max: 1024 } as const;
/** The worker's form of an imported key (messages.ts): 32 bytes of hex, `0x` optional. */
export const PRIVATE_KEY = /^(0x)?[0-9a-fA-F]{64}$/;

type Request<T extends InternalRequest['type']> = Extract<InternalRequest, { type: T }>;

/**
 * The error shown under the confirmation field, or null. Not while what is typed there is still
 * the start of the password (the user is typing it): an alert at every keystroke would be noise.
 */
export function mismatch(password: string, confirm: string): string | null {
  return confirm !== '' && !password.startsWith(confirm) ? 'The two passwords do not match.' : null;
}

function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD.min) {
    return `The password needs at least ${PASSWORD.min} characters.`;
  }
  if (password.length > PASSWORD.max) {
    return `The password can have at most ${PASSWORD.max} characters.`;
  }
  return null;
}

function newPasswordProblem(password: string, confirm: string): string | null {
  const problem = passwordProblem(password);
  if (problem) return problem;
  if (confirm === password) return null;
  return mismatch(password, confirm) ?? 'Type the password again to confirm it.';
}

export function createRequest(
  password: string,
  confirm: string,
): Parsed<Request<'ui_createAccount'>> {
  const reason = newPasswordProblem(password, confirm);
  return reason
    ? { ok: false, reason }
    : { ok: true, value: { type: 'ui_createAccount', password } };
}

export function importRequest(
  privateKey: string,
  password: string,
  confirm: string,
): Parsed<Request<'ui_importAccount'>> {
  const key = privateKey.trim();
  if (key === '') return { ok: false, reason: 'Paste the private key to import.' };
  if (!PRIVATE_KEY.test(key)) {
    return { ok: false, reason: 'A private key is 64 hex characters (0x in front is optional).' };
  }
  const reason = newPasswordProblem(password, confirm);
  return reason
    ? { ok: false, reason }
    : { ok: true, value: { type: 'ui_importAccount', privateKey: key, password } };
}

export function unlockRequest(password: string): Parsed<Request<'ui_unlockAccount'>> {
  const reason = passwordProblem(password);
  return reason
    ? { ok: false, reason }
    : { ok: true, value: { type: 'ui_unlockAccount', password } };
}
