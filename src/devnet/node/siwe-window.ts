// The time window a node allows a session's SIWE (wire doc §8 step 4 and §9 step 4).
import { LitNodeError } from '../../protocol/errors';
import type { SiweFields } from '../../protocol/siwe';

export const GRACE_MS = 60_000;
export const MAX_SESSION_MS = 30 * 24 * 60 * 60 * 1000;

/** Throws Lit's error when the SIWE is issued in the future, expired, or too long. */
export function checkSessionWindow(
  siwe: Pick<SiweFields, 'issuedAt' | 'expirationTime'>,
  nowMs: number,
): void {
  const issuedAt = Date.parse(siwe.issuedAt);
  if (!(issuedAt <= nowMs + GRACE_MS)) {
    throw new LitNodeError('NodeIatOutsideGracePeriod', ['the SIWE is issued in the future']);
  }
  if (siwe.expirationTime === undefined) {
    throw new LitNodeError('NodeExpWrongOrTooLarge', ['the SIWE has no expiration time']);
  }
  const expiration = Date.parse(siwe.expirationTime);
  if (!(expiration >= issuedAt) || !(expiration >= nowMs - GRACE_MS)) {
    throw new LitNodeError('NodeExpWrongOrTooLarge', [
      'the SIWE is expired or ends before it starts',
    ]);
  }
  if (expiration > issuedAt + MAX_SESSION_MS) {
    throw new LitNodeError('NodeSIWEMessageError', ['the SIWE lasts more than 30 days']);
  }
}

/** A block timestamp (seconds) as RFC 3339 with whole seconds. */
export function rfc3339Seconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
