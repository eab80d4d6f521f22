// The "Session ends" choice: a length counted from the moment of approval, or "until the request's
// limit" (its `maxExpiration`, the site's expiration or 30 days from the request). The list is
// rebuilt as time passes, so the choice is kept as what the user meant, never as a number of
// minutes left: a select whose value is no longer among its options shows the first one while the
// decision would sign another.
import { durationLabel, relativeTime } from '../shared/relative-time';

const MINUTE_MS = 60_000;

/** Lengths offered when they fit before the limit, in minutes. */
export const STANDARD_LENGTHS = [10, 60, 4 * 60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60] as const;

/**
 * The shortest session offered: the worker refuses an expiration under 2 minutes away
 * (messages.ts `MIN_SESSION_MINUTES`), and the decision needs a moment to get there.
 */
export const MIN_LENGTH_MINUTES = 3;

/** Minutes from approval, or the request's limit. */
export type LengthChoice = number | 'limit';

export interface LengthOption {
  /** The `<option>`'s value (`"60"`, `"limit"`). */
  value: string;
  choice: LengthChoice;
  /** "in 1 h", "until the site's limit, in 23 h 59 min". */
  label: string;
  /** When the session would end if approved at `now` (ms). */
  end: number;
}

const limitMs = (maxExpiration: string) => Date.parse(maxExpiration);

function lengthFits(minutes: number, maxExpiration: string, now: number): boolean {
  return minutes >= MIN_LENGTH_MINUTES && now + minutes * MINUTE_MS <= limitMs(maxExpiration);
}

function limitOffered(maxExpiration: string, now: number): boolean {
  return limitMs(maxExpiration) - now >= MIN_LENGTH_MINUTES * MINUTE_MS;
}

/**
 * What the select offers at `now`: the standard lengths and the user's default length that fit
 * before the limit, then the limit itself; nothing once less than `MIN_LENGTH_MINUTES` is left.
 * `siteAsked`: the site named an expiration (else the limit is the longest session allowed).
 */
export function lengthOptions(
  request: { maxExpiration: string; siteAsked: boolean },
  defaultMinutes: number,
  now: number,
): LengthOption[] {
  const { maxExpiration } = request;
  const lengths = [...new Set([...STANDARD_LENGTHS, defaultMinutes])]
    .filter((m) => lengthFits(m, maxExpiration, now))
    .sort((a, b) => a - b);
  const options: LengthOption[] = lengths.map((m) => ({
    value: String(m),
    choice: m,
    label: `in ${durationLabel(m)}`,
    end: now + m * MINUTE_MS,
  }));
  if (limitOffered(maxExpiration, now)) {
    const left = relativeTime(limitMs(maxExpiration), now);
    options.push({
      value: 'limit',
      choice: 'limit',
      label: request.siteAsked ? `until the site's limit, ${left}` : `the longest allowed, ${left}`,
      end: limitMs(maxExpiration),
    });
  }
  return options;
}

/** The choice a request starts with: the user's default length, or the limit when it is nearer. */
export function initialChoice(
  defaultMinutes: number,
  maxExpiration: string,
  now: number,
): LengthChoice {
  return lengthFits(defaultMinutes, maxExpiration, now) ? defaultMinutes : 'limit';
}

/**
 * The choice as it stands at `now`: a length that no longer fits before the limit has become the
 * limit (what would be signed); null when nothing can be approved any more.
 */
export function currentChoice(
  choice: LengthChoice,
  maxExpiration: string,
  now: number,
): LengthChoice | null {
  if (choice !== 'limit' && lengthFits(choice, maxExpiration, now)) return choice;
  return limitOffered(maxExpiration, now) ? 'limit' : null;
}

/** The expiration (ms) a choice signs when approved at `now`: never past the limit. */
export function expirationOf(choice: LengthChoice, maxExpiration: string, now: number): number {
  const limit = limitMs(maxExpiration);
  return choice === 'limit' ? limit : Math.min(now + choice * MINUTE_MS, limit);
}

/** Parses an `<option>`'s value back into a choice. */
export function choiceOf(value: string): LengthChoice {
  if (value === 'limit') return 'limit';
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes <= 0) throw new Error(`Not a session length: ${value}`);
  return minutes;
}
