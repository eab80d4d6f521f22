// The extension's approval window, found by what it shows rather than by when it opened: it lists
// the pending requests as a queue, so the next request (a session, then that call's confirmation)
// may appear in the window already open or in a new one. Shared by the e2e suites and
// `npm start -- --headless`.
import type { BrowserContext, Locator, Page } from '@playwright/test';

export const isApprovalWindow = (page: Page) => page.url().includes('/ui/approve/');

/**
 * The next approval window (open already, or opening) in which `target(window)` becomes visible
 * within `timeoutMs`; `stop()` stops watching new windows once the answer is no longer wanted.
 */
export function approvalWindowWith(
  context: BrowserContext,
  target: (window: Page) => Locator,
  timeoutMs: number,
): { page: Promise<Page>; stop: () => void } {
  let resolve: (p: Page) => void = () => undefined;
  const page = new Promise<Page>((r) => (resolve = r));
  const watch = (p: Page) => {
    if (!isApprovalWindow(p)) return;
    // A window that closes first simply never answers.
    target(p)
      .waitFor({ timeout: timeoutMs })
      .then(
        () => resolve(p),
        () => undefined,
      );
  };
  for (const p of context.pages()) watch(p);
  context.on('page', watch);
  return { page, stop: () => context.off('page', watch) };
}

/**
 * Clicks `button` (Approve or Deny) and waits until its request leaves the screen: each request
 * is its own form (keyed by its id), so the button goes when the request does, or the window
 * closes. A request that stays (a wrong password) is left for the caller's own checks.
 */
export async function decide(window: Page, button: Locator, timeoutMs: number): Promise<void> {
  const clicked = await button.elementHandle();
  await button.click();
  await window
    .waitForFunction((el) => !el?.isConnected, clicked, { timeout: timeoutMs })
    .catch(() => undefined);
}
