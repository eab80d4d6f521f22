import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { EXTENSION_ID, EXTENSION_ORIGIN } = await import('./test-browser');
const { handleInternalMessage } = await import('./internal-messages');

const popup = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/src/extension/ui/popup/index.html` };
const tab = { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

describe('handleInternalMessage', () => {
  it('gives an extension page the status with the stored sessions', async () => {
    const answer = await handleInternalMessage({ type: 'ui_getStatus' }, popup);
    expect(answer).toMatchObject({ ok: true, result: { version: '9.8.7', sessions: [] } });
  });

  it('refuses a content script with 4100', async () => {
    const answer = await handleInternalMessage(
      { type: 'ui_getStatus' },
      { id: EXTENSION_ID, tab, url: 'https://dapp.example/' },
    );
    expect(answer).toEqual({
      ok: false,
      error: { code: 4100, message: 'Only extension pages may ask' },
    });
  });

  it('rejects unknown or malformed messages with -32602', async () => {
    for (const raw of [
      { type: 'ui_revokeEverything' },
      { type: 'ui_getStatus', extra: 1 },
      null,
      'x',
    ]) {
      expect(await handleInternalMessage(raw, popup)).toMatchObject({
        ok: false,
        error: { code: -32602 },
      });
    }
  });
});
