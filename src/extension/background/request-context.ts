/** What the worker knows about a provider request, all of it from the browser, not the page. */
export interface RequestContext {
  /** The page's origin, from the Port's `sender`. */
  origin: string;
  /** The tab the request came from. */
  tabId: number;
}
