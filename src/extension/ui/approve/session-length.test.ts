import { describe, expect, it } from 'vitest';
import { MAX_SESSION_MINUTES, MIN_SESSION_MINUTES } from '../../messages';
import { buildDecision, decisionAsShown, type DecisionForm } from './decision';
import {
  choiceOf,
  currentChoice,
  expirationOf,
  initialChoice,
  lengthOptions,
  MIN_LENGTH_MINUTES,
  STANDARD_LENGTHS,
  type LengthChoice,
} from './session-length';

const MINUTE = 60_000;
const created = Date.parse('2026-05-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const form = (length: LengthChoice, maxExpiration: string): DecisionForm => ({
  signer: { source: 'page', walletId: 'io.metamask' },
  account: { address: null, unlocked: false },
  password: '',
  length,
  maxExpiration,
  pkpSigning: null,
  credit: null,
});

/** How long after a tick of the window's clock Approve is pressed: just before the next one. */
const CLICK_AFTER_TICK = 29_000;

/**
 * Runs the window's clock from `start` in steps, as its 30 s tick re-renders the select, and at
 * every step checks that the select's value is one of its options and that the decision, sent
 * `CLICK_AFTER_TICK` later (another clock than the select's), signs exactly the end that option
 * shows.
 */
function walkClock(
  choice: LengthChoice,
  request: { maxExpiration: string; siteAsked: boolean },
  defaultMinutes: number,
  start: number,
  steps: number,
  stepMs: number,
): (LengthChoice | null)[] {
  const seen: (LengthChoice | null)[] = [];
  for (let i = 0; i < steps; i++) {
    const now = start + i * stepMs;
    const shown = currentChoice(choice, request.maxExpiration, now);
    seen.push(shown);
    const options = lengthOptions(request, defaultMinutes, now);
    const clicked = now + CLICK_AFTER_TICK;
    const decision = decisionAsShown(form(choice, request.maxExpiration), now, clicked);
    if (shown === null || currentChoice(choice, request.maxExpiration, clicked) === null) {
      if (shown === null) expect(options).toEqual([]);
      // Too little time left by the click: refused, never signed.
      expect(decision.ok).toBe(false);
      continue;
    }
    const option = options.find((o) => o.choice === shown);
    expect(option, `at +${(now - start) / MINUTE} min`).toBeDefined();
    expect(choiceOf(option!.value)).toBe(shown);
    if (!decision.ok) throw new Error(decision.reason);
    expect(Date.parse(decision.value.expiration)).toBe(option!.end);
    expect(expirationOf(shown, request.maxExpiration, now)).toBe(option!.end);
  }
  return seen;
}

describe('session length over time', () => {
  it('a site asking for 24 h keeps "until the site’s limit" shown and signed as the minutes pass', () => {
    const request = { maxExpiration: iso(created + 24 * 60 * MINUTE), siteAsked: true };
    const opened = created + 5_000;
    // The default (24 h) no longer fits once the request has waited 5 s: the limit is chosen.
    const choice = initialChoice(24 * 60, request.maxExpiration, opened);
    expect(choice).toBe('limit');
    expect(lengthOptions(request, 24 * 60, opened + MINUTE).map((o) => o.label)).toEqual([
      'in 10 min',
      'in 1 h',
      'in 4 h',
      "until the site's limit, in 23 h 58 min",
    ]);
    const seen = walkClock(choice, request, 24 * 60, opened, 24 * 60, MINUTE);
    expect(seen.slice(0, -3).every((c) => c === 'limit')).toBe(true);
    // Under MIN_LENGTH_MINUTES left: nothing is offered and Approve says why.
    expect(seen.at(-1)).toBeNull();
    expect(
      buildDecision(form('limit', request.maxExpiration), created + 24 * 60 * MINUTE - MINUTE),
    ).toEqual({
      ok: false,
      reason: `Less than ${MIN_LENGTH_MINUTES} minutes are left of the time this request allowed: deny it.`,
    });
  });

  it('a chosen length that stops fitting becomes the limit, in the select as in the decision', () => {
    const request = { maxExpiration: iso(created + 5 * 60 * MINUTE), siteAsked: true };
    const seen = walkClock(4 * 60, request, 24 * 60, created, 6 * 60, 30_000);
    // 4 h fit for the first hour (end ≤ limit), then the limit is what would be signed.
    expect(seen.slice(0, 121).every((c) => c === 4 * 60)).toBe(true);
    expect(seen[121]).toBe('limit');
    expect(seen.slice(121, 2 * (5 * 60 - MIN_LENGTH_MINUTES) + 1).every((c) => c === 'limit')).toBe(
      true,
    );
  });

  it('an open-ended request: the longest allowed stays chosen although its minutes change', () => {
    // The worker pins the limit to the request's creation + 30 days (pending-views.ts).
    const request = {
      maxExpiration: iso(created + MAX_SESSION_MINUTES * MINUTE),
      siteAsked: false,
    };
    const opened = created + 2_000;
    const options = lengthOptions(request, 24 * 60, opened);
    // 30 days no longer fits 2 s later: the longest offered is the limit, never a drifting number.
    expect(options.map((o) => o.value)).toEqual(['10', '60', '240', '1440', '10080', 'limit']);
    expect(options.at(-1)!.label).toBe('the longest allowed, in 29 days 23 h');
    const seen = walkClock('limit', request, 24 * 60, opened, 200, 30_000);
    expect(seen.every((c) => c === 'limit')).toBe(true);
  });

  it('offers a default length the standard list lacks, and never one the worker refuses', () => {
    const request = { maxExpiration: iso(created + 3 * 60 * MINUTE), siteAsked: true };
    expect(initialChoice(90, request.maxExpiration, created)).toBe(90);
    expect(lengthOptions(request, 90, created).map((o) => o.value)).toEqual([
      '10',
      '60',
      '90',
      'limit',
    ]);
    walkClock(90, request, 90, created, 3 * 60, MINUTE);
    // 12 minutes left: 10 min fits; 4 minutes left: only the limit; 2 minutes left: nothing.
    const end = created + 3 * 60 * MINUTE;
    expect(lengthOptions(request, 90, end - 12 * MINUTE).map((o) => o.value)).toEqual([
      '10',
      'limit',
    ]);
    expect(lengthOptions(request, 90, end - 4 * MINUTE).map((o) => o.value)).toEqual(['limit']);
    expect(lengthOptions(request, 90, end - 2 * MINUTE)).toEqual([]);
    for (const m of STANDARD_LENGTHS) expect(m).toBeGreaterThanOrEqual(MIN_LENGTH_MINUTES);
    // A minute more than the worker's floor: the decision reaches it before the floor passes.
    expect(MIN_LENGTH_MINUTES).toBeGreaterThanOrEqual(MIN_SESSION_MINUTES + 1);
  });

  it('reads option values back, and refuses anything else', () => {
    expect(choiceOf('limit')).toBe('limit');
    expect(choiceOf('1440')).toBe(1440);
    expect(() => choiceOf('')).toThrow('Not a session length');
    expect(() => choiceOf('1.5')).toThrow('Not a session length');
  });
});
