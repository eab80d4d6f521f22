import type { PageChannel } from './page-channel';

/** What the worker knows about a provider request, all of it from the browser, not the page. */
export interface RequestContext {
  /** The page's origin, from the Port's `sender`. */
  origin: string;
  /** The tab the request came from. */
  tabId: number;
  /** The document that sent it, so events reach that document only. */
  documentId?: string;
  frameId?: number;
  /** The page's wallet, reached over the same Port. */
  page: PageChannel;
}
