// Facts about this service worker instance.
import browser from 'webextension-polyfill';

/** When this worker instance started: it changes after every stop and wake. */
export const workerStartedAt = new Date().toISOString();

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}
