// The popup is a React page that shows what the worker told it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, expect, test } from './fixtures';

const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
  version: string;
  action: { default_popup: string };
  options_page: string;
};

test('the popup shows the version and an empty session list from the worker', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension.id}/${manifest.action.default_popup}`);
  await expect(page.getByTestId('version')).toHaveText(`Version ${manifest.version}`);
  await expect(page.getByTestId('no-sessions')).toBeVisible();
});

test('the options and approval pages render', async ({ page, extension }) => {
  await page.goto(`chrome-extension://${extension.id}/${manifest.options_page}`);
  await expect(page.getByText(`Version ${manifest.version}`)).toBeVisible();
  await page.goto(`chrome-extension://${extension.id}/src/extension/ui/approve/index.html`);
  await expect(page.getByTestId('nothing-pending')).toBeVisible();
});
