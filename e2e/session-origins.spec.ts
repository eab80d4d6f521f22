// Sessions belong to an origin: another origin (another localhost port) cannot list, use or
// revoke them.
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { approveSession, nextApprovalWindow, pkpSigningAny, startEachTestClean } from './sessions';

startEachTestClean();

test('two origins cannot list, use or revoke each other’s sessions', async ({
  page,
  demo,
  otherDemo,
  extension,
}) => {
  expect(new URL(demo.url).origin).not.toBe(new URL(otherDemo.url).origin);
  await installTestWallet(page);
  await page.goto(demo.url);
  await approveSession(page, extension);
  const [mine] = (await litRequest(page, { method: 'lit_getSessions' })).result as { id: string }[];
  expect(mine).toBeTruthy();

  const other = await extension.context.newPage();
  await installTestWallet(other);
  await other.goto(otherDemo.url);
  // Cannot list.
  expect((await litRequest(other, { method: 'lit_getSessions' })).result).toEqual([]);
  // Cannot revoke, and cannot tell an unknown id from another origin's.
  const revoke = await litRequest(other, {
    method: 'lit_revokeSession',
    params: { sessionId: mine!.id },
  });
  const unknown = await litRequest(other, {
    method: 'lit_revokeSession',
    params: { sessionId: 'nope' },
  });
  expect(revoke.error).toMatchObject({ code: -32602 });
  expect(revoke.error).toEqual(unknown.error);
  // Cannot use: the same request from the other origin asks the user for a session of its own.
  const otherOpened = nextApprovalWindow(extension);
  const otherAsking = litRequest(other, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny] },
  });
  const approval = await otherOpened;
  await expect(approval.getByTestId('origin')).toHaveText(new URL(otherDemo.url).origin);
  await approval.getByRole('button', { name: 'Deny' }).click();
  expect((await otherAsking).error).toMatchObject({ code: 4001 });
  // Disconnecting the other origin leaves this one's session alone.
  await litRequest(other, { method: 'lit_disconnect' });
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toMatchObject([
    { id: mine!.id },
  ]);
  await other.close();
});
