// PKP sessions: the user's wallet (the page's, or the built-in account) authenticates, the nodes
// sign the session capability for a PKP the user created in the options page; the sigs work on
// every node; revoke and disconnect end them everywhere; a PKP the wallet may not use is refused.
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { createPkpInOptions, requestPkpSession } from './pkps';
import {
  closeFailure,
  approveIn,
  expectNodesAccept,
  expectNodesReject,
  mintPkp,
  nextApprovalWindow,
  openExtensionPage,
  openPopup,
  pkpSigningAny,
  recordEvents,
  recordedEvents,
  startEachTestClean,
  vaultEntries,
  type SessionSigs,
} from './sessions';

const PASSWORD = 'correct horse battery';

startEachTestClean();

test("a PKP session authenticated by the page's wallet: approved, used on every node, revoked", async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  const pkp = await createPkpInOptions(extension, wallet.address);
  await page.goto(demo.url);
  await recordEvents(page);

  const opened = nextApprovalWindow(extension);
  const asking = page.evaluate(
    ([pkpPublicKey, r]) =>
      (
        window as unknown as {
          lit: { getPkpSessionSigs: (p: unknown) => Promise<unknown> };
        }
      ).lit.getPkpSessionSigs({ pkpPublicKey, resourceAbilityRequests: [r] }),
    [pkp.publicKey, pkpSigningAny] as const,
  );
  const approval = await opened;
  // The window names the PKP, the wallet that authenticates and the capabilities.
  await expect(approval.getByTestId('origin')).toHaveText(new URL(demo.url).origin);
  await expect(approval.getByTestId('pkp-address')).toHaveText(pkp.ethAddress);
  await expect(approval.getByTestId('pkp-token-id')).toHaveText(pkp.tokenId);
  await expect(approval.getByText(wallet.address)).toBeVisible();
  await expect(approval.getByTestId('capabilities')).toContainText('lit-pkp://*');
  await approveIn(approval);
  const sigs = (await asking) as SessionSigs;

  expect(Object.keys(sigs).sort()).toEqual([...devnet.nodeUrls].sort());
  await expectNodesAccept(devnet, sigs, pkp);
  const [session] = (await litRequest(page, { method: 'lit_getSessions' })).result as {
    authMethod: string;
    address: string;
    authWallet: string;
    pkp: { address: string };
  }[];
  expect(session).toMatchObject({
    authMethod: 'pkp',
    address: pkp.ethAddress,
    authWallet: wallet.address,
    walletSource: 'page',
    pkp: { address: pkp.ethAddress, tokenId: pkp.tokenId, publicKey: pkp.publicKey },
  });

  // A later request of the same PKP needs no approval; a wallet session request is another kind.
  const again = await litRequest(page, {
    method: 'lit_getPkpSessionSigs',
    params: { pkpPublicKey: pkp.publicKey, resourceAbilityRequests: [pkpSigningAny] },
  });
  expect(Object.keys(again.result as SessionSigs)).toHaveLength(3);

  // The popup shows its kind and PKP; revoking it there ends it on the nodes too.
  const popup = await openPopup(extension);
  await expect(popup.getByTestId('session-kind')).toHaveText(`PKP session · PKP ${pkp.ethAddress}`);
  await expect(popup.getByTestId('session')).toContainText(`the site's wallet`);
  await popup.getByRole('button', { name: /Revoke the PKP session of/ }).click();
  await expect(popup.getByTestId('no-sessions')).toBeVisible();
  await expect
    .poll(async () => (await recordedEvents(page)).map((e) => e.name))
    .toContain('sessionsChanged');
  await expectNodesReject(devnet, sigs, 'NodeSessionKeyRevoked', pkp);
  expect(await vaultEntries(extension)).toEqual([]);
  await popup.close();
});

test('a PKP session authenticated by the built-in account; disconnect ends it on the nodes', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  test.setTimeout(90_000);
  const options = await openExtensionPage(extension);
  await options.getByLabel('Password (at least 8 characters)').fill(PASSWORD);
  await options.getByLabel('Confirm the password').fill(PASSWORD);
  await options.getByRole('button', { name: 'Create account' }).click();
  await expect(options.getByTestId('account-state')).toHaveText('Unlocked', { timeout: 30_000 });
  const address = (await options.getByTestId('account-address').textContent())!;
  await options.close();
  const pkp = await createPkpInOptions(extension, 'builtin');

  await page.goto(demo.url);
  await recordEvents(page);
  const { approval, answer } = await requestPkpSession(page, extension, 'lit_getPkpSessionSigs', {
    pkpPublicKey: pkp.publicKey,
    resourceAbilityRequests: [pkpSigningAny],
    walletSource: 'builtin',
  });
  await expect(approval.getByTestId('pkp-address')).toHaveText(pkp.ethAddress);
  await expect(approval.getByText(address)).toBeVisible();
  await approveIn(approval);
  const { result, error } = await answer;
  expect(error).toBeUndefined();
  const sigs = result as SessionSigs;
  await expectNodesAccept(devnet, sigs, pkp);
  const popup = await openPopup(extension);
  await expect(popup.getByTestId('session')).toContainText('the built-in account');
  await expect(popup.getByTestId('session-kind')).toContainText(pkp.ethAddress);

  await page.evaluate(() =>
    (window as unknown as { lit: { disconnectWeb3: () => Promise<unknown> } }).lit.disconnectWeb3(),
  );
  await expect
    .poll(async () => (await recordedEvents(page)).map((e) => e.name))
    .toContain('disconnect');
  await expect(popup.getByTestId('no-sessions')).toBeVisible();
  expect(await vaultEntries(extension)).toEqual([]);
  await expectNodesReject(devnet, sigs, 'NodeSessionKeyRevoked', pkp);
  await popup.close();
});

test('a PKP the wallet is not permitted on fails with NodePKPNotAuthorized, shown in the window', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  const stranger = await mintPkp(devnet, {});
  await page.goto(demo.url);
  const { approval, answer } = await requestPkpSession(page, extension, 'lit_getPkpSessionSigs', {
    pkpPublicKey: stranger.publicKey,
    resourceAbilityRequests: [pkpSigningAny],
  });
  await approveIn(approval);
  const { error } = await answer;
  expect(error).toMatchObject({
    code: 4100,
    message: expect.stringContaining(`${wallet.address} is not permitted to use PKP`),
    data: { errorCode: 'NodePKPNotAuthorized' },
  });
  await expect(approval.getByTestId('failed-request')).toBeVisible();
  await expect(approval.getByTestId('failure-code')).toHaveText('NodePKPNotAuthorized');
  await expect(approval.getByTestId('failure-message')).toContainText(
    `is not permitted to use PKP ${stranger.ethAddress}`,
  );
  // Nothing was kept.
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toEqual([]);
  expect(await vaultEntries(extension)).toEqual([]);
  await closeFailure(approval);
});
