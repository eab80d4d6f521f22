// The window shows one request at a time, each in the same layout. Whenever another request takes
// the place of the one on screen, it appears under the pointer: the second click of a
// double-click on Approve (or an impatient second click) would decide a request the user never
// saw, and a dApp chooses what it queues behind a harmless one. So every request shown after
// another one is announced, and its decision buttons wait a moment; one that replaced a request
// the user did not decide (the site withdrew it, a revoke rejected it) is also flagged as such.

/** How long the decision buttons stay disabled once another request took the place of the one shown. */
export const SWITCH_HOLD_MS = 1000;

export interface ShownRequest {
  /** The request on screen (the last one, while a failure is shown instead). */
  id: string | null;
  /**
   * How it came on screen: the first one of this window; the next one after the user decided the
   * one before; or in place of one the user had not decided.
   */
  arrival: 'first' | 'next' | 'switched';
  /** How many requests this window has shown, this one included. */
  count: number;
}

export const NOTHING_SHOWN: ShownRequest = { id: null, arrival: 'first', count: 0 };

/**
 * What is on screen once `next` is shown (null: nothing, or a failure, is). A change from a request
 * the user did not decide here (`decided`) to another one is a switch.
 */
export function nextShown(
  shown: ShownRequest,
  next: string | null,
  decided: ReadonlySet<string>,
): ShownRequest {
  if (next === null || next === shown.id) return shown;
  const arrival =
    shown.id === null ? 'first' : decided.has(shown.id) ? 'next' : ('switched' as const);
  return { id: next, arrival, count: shown.count + 1 };
}

/** Whether the request's buttons wait and its heading takes the focus: any but the first. */
export function replacedAnother(shown: ShownRequest): boolean {
  return shown.arrival !== 'first';
}
