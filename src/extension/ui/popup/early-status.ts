// The popup's first `ui_getStatus` is asked by public/popup-early-status.js, a classic async
// script with no imports: it runs while React still loads, so the answer comes ~20 ms sooner.
// It also notes whether the sessions changed in storage before the popup listens itself: the
// answer may then be out of date.

declare global {
  interface Window {
    /** The early script's question to the worker, until the popup takes it. */
    litPopupStatus?: Promise<unknown>;
    /** Whether the stored sessions changed since the early script ran. */
    litPopupSessionsChanged?: boolean;
    /** Stops the early script's noting of changes. */
    litPopupStopNoting?: () => void;
  }
}

export interface EarlyStatusHolder {
  litPopupStatus?: Promise<unknown>;
  litPopupSessionsChanged?: boolean;
  litPopupStopNoting?: () => void;
}

export interface EarlyStatus {
  answer: Promise<unknown>;
  /** The sessions changed after the script asked: the answer may be out of date. */
  changed: boolean;
}

/**
 * The worker's answer the early script asked for, taken once; undefined if it has not run. Take
 * it only once the popup listens to storage changes itself: the script stops noting them here.
 */
export function takeEarlyStatus(holder: EarlyStatusHolder = window): EarlyStatus | undefined {
  const early = holder.litPopupStatus;
  // Left defined, not deleted: a script that runs after this does not ask a second time.
  holder.litPopupStatus = undefined;
  if (!early) return undefined;
  holder.litPopupStopNoting?.();
  return { answer: early, changed: holder.litPopupSessionsChanged === true };
}
