// Times as people read them: "in 3 h 5 min", "2 min ago".

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms < MINUTE) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) {
    const m = Math.floor((ms % HOUR) / MINUTE);
    return `${Math.floor(ms / HOUR)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((ms % DAY) / HOUR);
  const d = Math.floor(ms / DAY);
  return `${d} day${d === 1 ? '' : 's'}${h ? ` ${h} h` : ''}`;
}

/** `in 5 min` for a future time, `5 min ago` for a past one. */
export function relativeTime(at: number, now: number): string {
  const diff = at - now;
  return diff >= 0 ? `in ${span(diff)}` : `${span(-diff)} ago`;
}

/** When a session counts as ending soon. */
export const EXPIRING_SOON_MS = 10 * MINUTE;

export type ExpiryState = 'active' | 'expiring' | 'expired';

export function expiryState(expiration: number, now: number): ExpiryState {
  if (expiration <= now) return 'expired';
  return expiration - now <= EXPIRING_SOON_MS ? 'expiring' : 'active';
}

/** A duration in minutes in words: `10 min`, `4 h`, `30 days`. */
export function durationLabel(minutes: number): string {
  return span(minutes * MINUTE);
}
