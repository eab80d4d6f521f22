// The worker stops while the approval window is open; the user approves; the dApp still gets
// its sigs (the request was in storage.session, the relay re-sent it to the new worker).
import { expect, litRequest, stopServiceWorker, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import {
  approveIn,
  expectNodesAccept,
  nextApprovalWindow,
  pkpSigningAny,
  startEachTestClean,
  type SessionSigs,
} from './sessions';

startEachTestClean();

test('a worker stop during approval loses nothing: approve, and the dApp gets its sigs', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const before = (await litRequest(page, { method: 'lit_ping' })).result as {
    workerStartedAt: string;
  };
  const opened = nextApprovalWindow(extension);
  const asking = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny] },
  });
  const approval = await opened;
  await expect(approval.getByTestId('capabilities')).toBeVisible();

  await stopServiceWorker(extension, page);
  await approveIn(approval);
  const { result, error } = await asking;
  expect(error).toBeUndefined();
  await expectNodesAccept(devnet, result as SessionSigs);
  const after = (await litRequest(page, { method: 'lit_ping' })).result as {
    workerStartedAt: string;
  };
  expect(after.workerStartedAt).not.toBe(before.workerStartedAt);
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toHaveLength(1);
});
