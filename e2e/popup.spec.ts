// The popup is a React page that shows what the worker told it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, expect, stopServiceWorker, test } from './fixtures';
import { fakeRecord, postponeSweep, writeRecords } from './popup-records';
import { startEachTestClean } from './sessions';

const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
  version: string;
  action: { default_popup: string };
  options_page: string;
};

// Other files' sessions live in the same browser: each test starts from none.
startEachTestClean();

test('the popup shows the version and an empty session list from the worker', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension.id}/${manifest.action.default_popup}`);
  await expect(page.getByTestId('version')).toHaveText(`Version ${manifest.version}`);
  await expect(page.getByTestId('no-sessions')).toBeVisible();
});

test('the options page renders; an approval window with nothing pending closes itself', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension.id}/${manifest.options_page}`);
  await expect(page.getByText(`Version ${manifest.version}`)).toBeVisible();
  const closed = page.waitForEvent('close');
  await page.goto(`chrome-extension://${extension.id}/src/extension/ui/approve/index.html`);
  await closed;
});

test('after a worker restart the popup waits for the stored sessions (no "no sessions" flash), badges the expiring ones and keeps their times live', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension.id}/${manifest.options_page}`);
  await writeRecords(page, [
    fakeRecord(1, 'http://a.example', 3600_000),
    fakeRecord(2, 'http://a.example', 5 * 60_000),
    fakeRecord(3, 'http://b.example', -60_000),
    fakeRecord(4, 'http://c.example', 8_000),
  ]);
  // The expired rows must stay to be seen: the sweep would end them whenever its minute came.
  await postponeSweep(page);
  // The running worker holds its own copy; a new one reads what storage holds.
  await stopServiceWorker(extension, page);
  const popup = await extension.context.newPage();
  await popup.addInitScript(() => {
    const w = window as unknown as { __sawEmpty: boolean };
    w.__sawEmpty = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="no-sessions"]')) w.__sawEmpty = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await popup.goto(`chrome-extension://${extension.id}/${manifest.action.default_popup}`);
  await expect(popup.getByTestId('session')).toHaveCount(4);
  expect(
    await popup.evaluate(() => (window as unknown as { __sawEmpty: boolean }).__sawEmpty),
  ).toBe(false);
  await expect(popup.getByTestId('origin-group')).toHaveCount(3);
  await expect(popup.getByTestId('expiry-badge')).toHaveText([
    'Expiring soon',
    'Expired',
    'Expiring soon',
  ]);
  const soon = popup.getByTestId('session').nth(1).getByTestId('expires');
  await expect(soon).toHaveText(/^in [45] min$/);
  expect(await soon.getAttribute('title')).toBeTruthy();
  // Times stay live: the session ending in seconds counts down, then ends, badge and all.
  const ending = popup.getByTestId('session').nth(3);
  await expect(ending.getByTestId('expires')).toHaveText(/^in [1-8] s$/);
  await expect(ending.getByTestId('expires')).toHaveText(/^[1-9] s ago$/, { timeout: 15_000 });
  await expect(ending.getByTestId('expiry-badge')).toHaveText('Expired');
  await popup.close();
  await writeRecords(page, []);
  await stopServiceWorker(extension, page);
});

test('a long list shows its first rows at once and all of them right after, from one question to the worker', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension.id}/${manifest.options_page}`);
  // 40 sessions of 8 origins, stored out of the popup's order (it sorts origins).
  const records = Array.from({ length: 40 }, (_, i) =>
    fakeRecord(i + 1, `http://site-${7 - (i % 8)}.example`, (i + 1) * 3600_000),
  );
  await writeRecords(page, records);
  await stopServiceWorker(extension, page);
  const popup = await extension.context.newPage();
  await popup.addInitScript(() => {
    const w = window as unknown as {
      __firstRows: number;
      __statusQuestions: number;
      __askedEarly: boolean;
    };
    w.__firstRows = 0;
    w.__statusQuestions = 0;
    w.__askedEarly = false;
    // Counted below the polyfill and the early script alike: both call chrome.runtime.
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage: (m: { type?: string }) => Promise<unknown> } };
      }
    ).chrome.runtime;
    const send = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (m) => {
      if (m?.type === 'ui_getStatus') {
        w.__statusQuestions++;
        // Asked by the early script, not by the modules after they loaded.
        w.__askedEarly ||= /popup-early-status\.js/.test(new Error().stack ?? '');
      }
      return send(m);
    };
    new MutationObserver((_, observer) => {
      const rows = document.querySelectorAll('[data-testid="session"]').length;
      if (rows > 0) {
        w.__firstRows = rows;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await popup.goto(`chrome-extension://${extension.id}/${manifest.action.default_popup}`);
  await expect(popup.getByTestId('session')).toHaveCount(40);
  const seen = await popup.evaluate(() => {
    const w = window as unknown as {
      __firstRows: number;
      __statusQuestions: number;
      __askedEarly: boolean;
    };
    return {
      firstRows: w.__firstRows,
      statusQuestions: w.__statusQuestions,
      askedEarly: w.__askedEarly,
    };
  });
  expect(seen.firstRows).toBeGreaterThan(0);
  expect(seen.firstRows).toBeLessThan(40);
  expect(seen.statusQuestions).toBe(1);
  expect(seen.askedEarly).toBe(true);
  // Every origin in order, each with its five sessions in the order stored.
  const groups = popup.getByTestId('origin-group');
  await expect(groups.locator('h3')).toHaveText(
    Array.from({ length: 8 }, (_, i) => `http://site-${i}.example`),
  );
  for (let g = 0; g < 8; g++) {
    const ids = await groups
      .nth(g)
      .getByTestId('session')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')));
    expect(ids).toEqual(
      records.filter((r) => r.origin === `http://site-${g}.example`).map((r) => r.id),
    );
  }
  await popup.getByRole('button', { name: 'Revoke all' }).click();
  await expect(popup.getByRole('alertdialog')).toContainText('Revoke all 40 sessions?');
  await popup.close();
  await writeRecords(page, []);
  await stopServiceWorker(extension, page);
});

test('each session’s buttons are named for it, and Revoke all by keyboard leaves the focus on the list', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension.id}/${manifest.options_page}`);
  await writeRecords(page, [
    fakeRecord(1, 'http://a.example', 3600_000),
    fakeRecord(2, 'http://b.example', 3600_000),
  ]);
  await stopServiceWorker(extension, page);
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.id}/${manifest.action.default_popup}`);
  await expect(popup.getByTestId('session')).toHaveCount(2);
  // A screen reader's list of buttons tells the sessions apart, not N times "Activity".
  for (const origin of ['http://a.example', 'http://b.example']) {
    const name = `the session of ${origin} (Sign with your Lit key)`;
    await expect(popup.getByRole('button', { name: `Activity of ${name}` })).toHaveCount(1);
    await expect(popup.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(1);
  }

  await popup.getByRole('button', { name: 'Revoke all', exact: true }).focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await popup.keyboard.press('Shift+Tab');
  await expect(popup.getByRole('button', { name: 'Revoke all sessions' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('notice')).toHaveText('Revoked 2 sessions.');
  // "Revoke all" is gone with the sessions: the keyboard is on the list's heading, not <body>.
  await expect(popup.getByRole('heading', { name: 'Active sessions' })).toBeFocused();
  await popup.close();
});
