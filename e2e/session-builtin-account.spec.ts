// A dApp asks for a session signed by the extension's own account: created in the options page,
// locked, unlocked with its password in the approval window.
import { expect, litRequest, test } from './fixtures';
import {
  approveIn,
  expectNodesAccept,
  expectNodesReject,
  nextApprovalWindow,
  openExtensionPage,
  openPopup,
  pkpSigningAny,
  recordEvents,
  recordedEvents,
  startEachTestClean,
  type SessionSigs,
} from './sessions';

const PASSWORD = 'correct horse battery';

startEachTestClean();

test('the built-in account signs a session after it is unlocked in the approval window', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  // The keystore's scrypt (ethers' default cost) runs three times: seconds each on a busy machine.
  test.setTimeout(120_000);
  const scrypt = { timeout: 30_000 };
  // Options page: create the account, then lock it.
  const options = await openExtensionPage(extension);
  await options.getByLabel('Password (at least 8 characters)').fill(PASSWORD);
  await options.getByRole('button', { name: 'Create account' }).click();
  await expect(options.getByTestId('account-state')).toHaveText('Unlocked', scrypt);
  const address = (await options.getByTestId('account-address').textContent())!;
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  await options.getByRole('button', { name: 'Lock' }).click();
  await expect(options.getByTestId('account-state')).toHaveText('Locked');

  // A page without any wallet.
  await page.goto(demo.url);
  await recordEvents(page);
  const opened = nextApprovalWindow(extension);
  const asking = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny], walletSource: 'builtin' },
  });
  const approval = await opened;
  await expect(approval.getByText(address)).toBeVisible();
  // A wrong password is refused and the request keeps waiting.
  await approveIn(approval, { password: 'not the password' });
  await expect(approval.getByTestId('approval-error')).toHaveText('Wrong password', scrypt);
  await approval.getByLabel('Password of the built-in account').fill(PASSWORD);
  await approval.getByRole('button', { name: 'Approve' }).click();
  const { result } = await asking;
  const sigs = result as SessionSigs;
  await expectNodesAccept(devnet, sigs);
  // Unlocking in the window unlocked the account for the browser session.
  await options.reload();
  await expect(options.getByTestId('account-state')).toHaveText('Unlocked');

  const sessions = (await litRequest(page, { method: 'lit_getSessions' })).result as {
    id: string;
    address: string;
    walletSource: string;
  }[];
  expect(sessions).toMatchObject([{ address, walletSource: 'builtin', authMethod: 'wallet' }]);

  const popup = await openPopup(extension);
  await expect(popup.getByTestId('session')).toContainText('the built-in account');
  await expect(popup.getByTestId('session')).toContainText('Sign with your Lit key');
  await popup.getByRole('button', { name: /Revoke the session of/ }).click();
  await expect(popup.getByTestId('no-sessions')).toBeVisible();
  await expect
    .poll(async () => (await recordedEvents(page)).map((e) => e.name))
    .toContain('sessionsChanged');
  await expectNodesReject(devnet, sigs, 'NodeSessionKeyRevoked');

  const reopened = nextApprovalWindow(extension);
  const next = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny], walletSource: 'builtin' },
  });
  await (await reopened).getByRole('button', { name: 'Deny' }).click();
  expect((await next).error).toMatchObject({ code: 4001 });
  await popup.close();
  await options.close();
});

test('without a wallet on the page or a built-in account the request fails with 4100', async ({
  page,
  demo,
}) => {
  await page.goto(demo.url);
  const { error } = await litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny] },
  });
  expect(error).toMatchObject({ code: 4100 });
});
