// The one approval window: opened (or focused) when a request needs the user, listing every
// pending request as a queue. Its id lives in storage.session so a woken worker still knows it.
import browser from 'webextension-polyfill';

const WINDOW_KEY = 'lit-companion:approval-window';
export const APPROVAL_PAGE = 'src/extension/ui/approve/index.html';

async function storedWindowId(): Promise<number | null> {
  const id = (await browser.storage.session.get(WINDOW_KEY))[WINDOW_KEY];
  return typeof id === 'number' ? id : null;
}

let opening: Promise<void> | null = null;

/** Shows the approval window: focuses it when it is open, else opens it. */
export function showApprovalWindow(): Promise<void> {
  // Two requests at once must not open two windows.
  opening ??= (async () => {
    const id = await storedWindowId();
    if (id !== null) {
      try {
        await browser.windows.update(id, { focused: true });
        return;
      } catch {
        // It was closed while the worker was stopped.
      }
    }
    const created = await browser.windows.create({
      url: browser.runtime.getURL(APPROVAL_PAGE),
      type: 'popup',
      width: 440,
      height: 680,
      focused: true,
    });
    await browser.storage.session.set({ [WINDOW_KEY]: created.id });
  })().finally(() => {
    opening = null;
  });
  return opening;
}

/** True (and forgotten) when `windowId` was the approval window. */
export async function wasApprovalWindow(windowId: number): Promise<boolean> {
  if ((await storedWindowId()) !== windowId) return false;
  await browser.storage.session.remove(WINDOW_KEY);
  return true;
}
