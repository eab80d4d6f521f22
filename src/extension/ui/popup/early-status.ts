// The popup's first `ui_getStatus` is asked by public/popup-early-status.js, a classic async
// script with no imports: it runs while React still loads, so the answer comes ~20 ms sooner.

declare global {
  interface Window {
    /** The early script's question to the worker, until the popup takes it. */
    litPopupStatus?: Promise<unknown>;
  }
}

export interface EarlyStatusHolder {
  litPopupStatus?: Promise<unknown>;
}

/** The worker's answer the early script asked for, taken once; undefined if it has not run. */
export function takeEarlyStatus(holder: EarlyStatusHolder = window): Promise<unknown> | undefined {
  const early = holder.litPopupStatus;
  // Left defined, not deleted: a script that runs after this does not ask a second time.
  holder.litPopupStatus = undefined;
  return early;
}
