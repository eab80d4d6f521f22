// A dApp asks for a session signed by its own wallet: approval window → approve → popup → nodes
// accept the sigs → revoke in the popup → the dApp hears it, must ask again, and the nodes refuse.
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import type { ResourceAbilityRequest } from '../src/extension/messages';
import {
  approveIn,
  expectNodesAccept,
  expectNodesReject,
  nextApprovalWindow,
  openPopup,
  pkpSigningAny,
  recordEvents,
  recordedEvents,
  startEachTestClean,
  type SessionSigs,
  approveSession,
} from './sessions';

const tokenId = 'ab'.repeat(32);
const oneToken: ResourceAbilityRequest = {
  resource: { resource: tokenId, resourcePrefix: 'lit-pkp' },
  ability: 'pkp-signing',
};

startEachTestClean();

test("the page's wallet signs a session; the popup lists it; revoking it ends it everywhere", async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  await page.goto(demo.url);
  await recordEvents(page);

  const approvalOpened = nextApprovalWindow(extension);
  const asking = page.evaluate((r) => {
    const lit = (window as unknown as { lit: { getSessionSigs: (p: unknown) => Promise<unknown> } })
      .lit;
    return lit.getSessionSigs({ resourceAbilityRequests: [r] });
  }, pkpSigningAny);
  const approval = await approvalOpened;
  await expect(approval.getByTestId('origin')).toHaveText(new URL(demo.url).origin);
  await expect(approval.getByTestId('capabilities')).toContainText('Sign with your Lit key');
  await expect(approval.getByTestId('capabilities')).toContainText('lit-pkp://*');
  await expect(approval.getByText(wallet.address)).toBeVisible();
  await approveIn(approval);
  const sigs = (await asking) as SessionSigs;

  expect(Object.keys(sigs).sort()).toEqual([...devnet.nodeUrls].sort());
  expect(wallet.calls.map((c) => c.method)).toContain('personal_sign');
  await expectNodesAccept(devnet, sigs);

  // The popup shows it, grouped by origin, in plain words with its expiration.
  const popup = await openPopup(extension);
  const group = popup.getByTestId('origin-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText(new URL(demo.url).origin);
  await expect(group).toContainText('Sign with your Lit key');
  await expect(group.getByTestId('expires')).toHaveText(/^in 23 h 5\d min$/);
  const sessions = (await litRequest(page, { method: 'lit_getSessions' })).result as {
    expiration: string;
  }[];
  await expect(group.getByTestId('expires')).toHaveAttribute('datetime', sessions[0]!.expiration);
  await expect(group.getByTestId('expiry-badge')).toHaveCount(0);

  // A later request it covers needs no approval.
  const again = await litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [oneToken] },
  });
  expect(Object.keys(again.result as SessionSigs)).toHaveLength(3);

  await popup.getByRole('button', { name: /Revoke the session of/ }).click();
  await expect(popup.getByTestId('no-sessions')).toBeVisible();
  await expect(popup.getByTestId('notice')).toHaveText('Revoked 1 session.');
  await expect
    .poll(async () => (await recordedEvents(page)).map((e) => e.name))
    .toContain('sessionsChanged');
  expect((await recordedEvents(page)).find((e) => e.name === 'sessionsChanged')?.data).toEqual([]);
  await expectNodesReject(devnet, sigs, 'NodeSessionKeyRevoked');

  // The next request needs a new approval.
  const reopened = nextApprovalWindow(extension);
  const next = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny] },
  });
  const second = await reopened;
  await second.getByRole('button', { name: 'Deny' }).click();
  expect((await next).error).toMatchObject({ code: 4001 });
  await popup.close();
});

test('the popup waits for the worker, updates live, and revokes all only after a confirm', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const popup = await openPopup(extension);
  await expect(popup.getByTestId('no-sessions')).toBeVisible();

  await approveSession(page, extension, {
    resourceAbilityRequests: [pkpSigningAny],
    walletSource: 'page',
  });
  // Live: the open popup shows the session without reloading.
  await expect(popup.getByTestId('session')).toHaveCount(1);

  await popup.getByRole('button', { name: 'Revoke all' }).click();
  await expect(popup.getByRole('alertdialog')).toContainText('Revoke all 1 sessions?');
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.getByTestId('session')).toHaveCount(1);
  // By keyboard: Tab to "Revoke all", Enter. Focus starts on Cancel, so Enter twice revokes
  // nothing and puts the focus back on "Revoke all"; the destructive button is a Shift+Tab away.
  await popup.getByRole('button', { name: 'Revoke all' }).focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('alertdialog')).toHaveCount(0);
  await expect(popup.getByRole('button', { name: 'Revoke all' })).toBeFocused();
  await expect(popup.getByTestId('session')).toHaveCount(1);
  await popup.keyboard.press('Enter');
  await popup.keyboard.press('Shift+Tab');
  await expect(popup.getByRole('button', { name: 'Revoke all sessions' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('no-sessions')).toBeVisible();
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toEqual([]);
  await popup.close();
});
