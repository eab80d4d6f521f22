import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { EXTENSION_ID, EXTENSION_ORIGIN } = await import('./test-browser');
const { isExtensionPage, providerContext } = await import('./senders');

const tab = { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

describe('providerContext', () => {
  it("takes the origin and tab from the browser's sender", () => {
    expect(
      providerContext({
        id: EXTENSION_ID,
        tab,
        url: 'https://dapp.example/app?x=1',
        origin: 'https://dapp.example',
      }),
    ).toEqual({ origin: 'https://dapp.example', tabId: 3 });
    expect(providerContext({ id: EXTENSION_ID, tab, url: 'http://127.0.0.1:5180/' })).toEqual({
      origin: 'http://127.0.0.1:5180',
      tabId: 3,
    });
  });

  it('refuses senders that are not our content script in an http(s) tab', () => {
    expect(providerContext(undefined)).toBeNull();
    expect(
      providerContext({ id: 'another-extension', tab, url: 'https://dapp.example/' }),
    ).toBeNull();
    expect(providerContext({ id: EXTENSION_ID, url: 'https://dapp.example/' })).toBeNull();
    expect(
      providerContext({ id: EXTENSION_ID, tab, url: `${EXTENSION_ORIGIN}/popup.html` }),
    ).toBeNull();
    expect(providerContext({ id: EXTENSION_ID, tab, url: 'file:///etc/passwd' })).toBeNull();
    expect(providerContext({ id: EXTENSION_ID, tab, url: 'not a url' })).toBeNull();
  });
});

describe('isExtensionPage', () => {
  it('accepts only our own extension pages', () => {
    expect(
      isExtensionPage({
        id: EXTENSION_ID,
        url: `${EXTENSION_ORIGIN}/src/extension/ui/popup/index.html`,
      }),
    ).toBe(true);
    expect(isExtensionPage({ id: EXTENSION_ID, tab, url: 'https://dapp.example/' })).toBe(false);
    expect(isExtensionPage({ id: 'other', url: `chrome-extension://other/popup.html` })).toBe(
      false,
    );
    expect(
      isExtensionPage({
        id: EXTENSION_ID,
        url: `${EXTENSION_ORIGIN}.evil.example/x`,
        origin: EXTENSION_ORIGIN,
      }),
    ).toBe(false);
    expect(isExtensionPage(undefined)).toBe(false);
  });
});
