// Who is talking to the worker, decided from what the browser says about the sender.
import browser, { type Runtime } from 'webextension-polyfill';
import type { RequestContext } from './request-context';

/** Chrome sets `origin` and `documentId` on senders; the polyfill's types do not list them yet. */
type Sender = Runtime.MessageSender & { origin?: string; documentId?: string };

/** Who sent a provider request, as the browser says. */
export type SenderContext = Omit<RequestContext, 'page'>;

function senderOrigin(sender: Sender): string | null {
  if (sender.origin) return sender.origin;
  if (!sender.url) return null;
  try {
    return new URL(sender.url).origin;
  } catch {
    return null;
  }
}

/**
 * The request context of a content script in a web page: its origin and tab, or `null` when
 * the sender is not our content script in an http(s) tab.
 */
export function providerContext(sender: Sender | undefined): SenderContext | null {
  if (!sender || sender.id !== browser.runtime.id) return null;
  const tabId = sender.tab?.id;
  const origin = senderOrigin(sender);
  if (tabId === undefined || !origin) return null;
  if (!origin.startsWith('https://') && !origin.startsWith('http://')) return null;
  return {
    origin,
    tabId,
    ...(typeof sender.documentId === 'string' ? { documentId: sender.documentId } : {}),
    ...(typeof sender.frameId === 'number' ? { frameId: sender.frameId } : {}),
  };
}

/** True only for this extension's own pages (popup, approval window, options). */
export function isExtensionPage(sender: Sender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false;
  const base = browser.runtime.getURL('/'); // chrome-extension://<id>/
  if (sender.origin !== undefined && sender.origin !== base.slice(0, -1)) return false;
  return (sender.url ?? '').startsWith(base);
}
