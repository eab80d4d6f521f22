// The popup is a React page that shows what the worker told it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, expect, stopServiceWorker, test } from './fixtures';
import { fakeRecord, writeRecords } from './popup-records';
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
