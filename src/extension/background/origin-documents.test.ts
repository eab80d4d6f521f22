import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { sentToTabs } = await import('./test-browser');
const { documentConnected, notifyOrigin, rememberDocument } = await import('./origin-documents');

let n = 0;
let origin = '';
const ctx = (tabId: number, documentId: string) =>
  ({ origin, tabId, documentId, page: {} }) as never;

/** The documents an event for the origin reaches. */
async function reached(): Promise<string[]> {
  sentToTabs.length = 0;
  await notifyOrigin(origin, 'disconnect', { code: 4900, message: 'Disconnected' });
  return sentToTabs.map((s) => (s.options as { documentId: string }).documentId);
}

describe('origin documents', () => {
  beforeEach(() => {
    origin = `https://dapp-${++n}.example`; // the module's memory outlives a test
  });

  it('a tab has one document: a reload replaces its earlier one', async () => {
    await rememberDocument(ctx(1, 'tab1'));
    for (let i = 0; i < 60; i++) await rememberDocument(ctx(2, `tab2-${i}`));
    expect(await reached()).toEqual(['tab1', 'tab2-59']);
  });

  it('keeps a document whose Port is open when 50 others of its origin come after it', async () => {
    await rememberDocument(ctx(1, 'open'));
    const leave = documentConnected(ctx(1, 'open'));
    for (let i = 0; i < 55; i++) await rememberDocument(ctx(100 + i, `closed-${i}`));
    const targets = await reached();
    expect(targets).toHaveLength(50);
    expect(targets[0]).toBe('open');
    expect(targets.slice(1)).toEqual(
      Array.from({ length: 49 }, (_, i) => `closed-${i + 6}`), // the oldest closed ones went
    );
    leave();
    await rememberDocument(ctx(200, 'newest'));
    expect(await reached()).not.toContain('open'); // closed now: the oldest, so it goes first
  });

  it('remembers again a document that was dropped, when it comes back', async () => {
    await rememberDocument(ctx(1, 'first'));
    for (let i = 0; i < 50; i++) await rememberDocument(ctx(10 + i, `other-${i}`));
    expect(await reached()).not.toContain('first');
    await rememberDocument(ctx(1, 'first')); // e.g. restored from the back/forward cache
    expect(await reached()).toContain('first');
  });
});
