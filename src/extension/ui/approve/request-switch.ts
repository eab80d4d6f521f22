// The window shows one request at a time, each in the same layout. When the one on screen leaves
// without the user's decision (the site withdrew it, a revoke rejected it) the next takes its place
// under the pointer: a click already on its way to Approve would approve a request the user never
// saw. So that change is flagged, and the decision buttons wait a moment.

/** How long the decision buttons stay disabled once another request took the place of the one shown. */
export const SWITCH_HOLD_MS = 1000;

export interface ShownRequest {
  /** The request on screen (the last one, while a failure is shown instead). */
  id: string | null;
  /** The request that replaced one the user had not decided, if that is the one on screen. */
  switchedTo: string | null;
}

export const NOTHING_SHOWN: ShownRequest = { id: null, switchedTo: null };

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
  const switched = shown.id !== null && !decided.has(shown.id);
  return { id: next, switchedTo: switched ? next : null };
}
