// Options → PKPs: whom "Create PKP" mints for stays what the user chose, across the list's reloads
// (after each create, and on any change to the settings, PKPs or account).
import { askWorker, expect, test } from './fixtures';
import { openExtensionPage, startEachTestClean } from './sessions';

startEachTestClean();

test('"For another wallet" stays chosen, with its address, after a PKP is created for it', async ({
  extension,
}) => {
  const options = await openExtensionPage(extension);
  // With a built-in account, the section starts on it: the choice must then survive reloads.
  expect(
    (await askWorker(options, { type: 'ui_createAccount', password: 'correct horse' })).ok,
  ).toBe(true);
  const section = options.getByRole('region', { name: 'PKPs' });
  await expect(section.getByLabel(/For the built-in account 0x/)).toBeChecked();
  const wallet = '0x2222222222222222222222222222222222222222';
  await section.getByLabel(/For another wallet/).check();
  await section.getByLabel('Wallet address').fill(wallet);
  await section.getByRole('button', { name: 'Create PKP' }).click();
  await expect(section.getByTestId('pkp-message')).toHaveText(/^Created PKP 0x[0-9a-fA-F]{40}\.$/);
  await expect(section.getByTestId('pkp').filter({ hasText: wallet })).toHaveCount(1);
  await expect(section.getByLabel(/For another wallet/)).toBeChecked();
  await expect(section.getByLabel('Wallet address')).toHaveValue(wallet);
  await options.close();
});
