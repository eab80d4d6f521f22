// PKP sessions when nodes are down: with one of three stopped the session is still issued (the
// client asks a spare); with two stopped the dApp gets one clear error, which the approval window
// shows, naming the nodes that failed.
import { expect, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { createPkpInOptions, requestPkpSession } from './pkps';
import {
  closeFailure,
  approveIn,
  expectNodesAccept,
  pkpSigningAny,
  startEachTestClean,
} from './sessions';
import type { SessionSigs } from './sessions';

startEachTestClean();

test('one of three nodes stopped: the PKP session is still issued', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  const pkp = await createPkpInOptions(extension, wallet.address);
  await page.goto(demo.url);
  // The first node is one the client asks first: its failure must send it to a spare.
  await devnet.killNode(0);
  let down = true;
  try {
    const { approval, answer } = await requestPkpSession(page, extension, 'lit_getPkpSessionSigs', {
      pkpPublicKey: pkp.publicKey,
      resourceAbilityRequests: [pkpSigningAny],
    });
    await approveIn(approval);
    const { result, error } = await answer;
    expect(error).toBeUndefined();
    const sigs = result as SessionSigs;
    expect(Object.keys(sigs).sort()).toEqual([...devnet.nodeUrls].sort());
    await devnet.restartNode(0);
    down = false;
    await expectNodesAccept(devnet, sigs, pkp);
  } finally {
    if (down) await devnet.restartNode(0);
  }
});

test('two of three nodes stopped: one clear error, shown in the approval window', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  const pkp = await createPkpInOptions(extension, wallet.address);
  await page.goto(demo.url);
  const { approval, answer } = await requestPkpSession(page, extension, 'lit_getPkpSessionSigs', {
    pkpPublicKey: pkp.publicKey,
    resourceAbilityRequests: [pkpSigningAny],
  });
  // The nodes go down while the user reads the window.
  const [down1, down2] = [devnet.nodeUrls[0]!, devnet.nodeUrls[2]!];
  await devnet.killNode(0);
  await devnet.killNode(2);
  try {
    await approveIn(approval);
    const { error } = await answer;
    expect(error).toMatchObject({
      code: 4900,
      message: expect.stringMatching(/^Only 1 of 3 Lit nodes signed the session \(2 needed\): /),
    });
    const failed = (error!.data as { failures: { url: string }[] }).failures.map((f) => f.url);
    expect(failed.sort()).toEqual([down1, down2].sort());
    for (const url of [down1, down2]) expect(error!.message).toContain(url);
    await expect(approval.getByTestId('failed-request')).toBeVisible();
    await expect(approval.getByTestId('failure-message')).toHaveText(error!.message as string);
  } finally {
    await devnet.restartNode(0);
    await devnet.restartNode(2);
  }
  await closeFailure(approval);
});
