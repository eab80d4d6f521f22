// The demo page's step buttons, in the built extension's company: a step's button waits while
// the step runs, since a second click would queue a second approval in the extension's window
// and the two runs would overwrite each other's results.
import { expect, test } from './fixtures';
import { nextApprovalWindow, startEachTestClean } from './sessions';
import { installTestWallet } from './test-wallet';

startEachTestClean();

test('a demo step’s button waits while its step runs, and comes back when it ends', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const step = page.locator('#step-wallet');
  const button = page.getByRole('button', { name: 'Get wallet session sigs' });
  const opened = nextApprovalWindow(extension);
  await button.click();
  const approval = await opened;
  await expect(step).toHaveAttribute('data-state', 'working');
  await expect(button).toBeDisabled();
  await approval.getByRole('button', { name: 'Deny' }).click();
  await expect(step).toHaveAttribute('data-state', 'error');
  await expect(button).toBeEnabled();
});
