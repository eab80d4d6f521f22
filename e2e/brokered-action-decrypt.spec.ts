// lit_executeJs and lit_encrypt/lit_decrypt brokered by the extension: an action that signs with
// `Lit.Actions.signEcdsa` (its first run in the session confirmed, showing CID, code and
// jsParams; the next run of the same CID not asked again) gives a signature recovering to the
// PKP; a note encrypted for the user's own address decrypts, one for another address is refused
// by the nodes with NodeAccessControlConditionsReturnedNotAuthorized.
import { Wallet } from 'ethers';
import { SIGNING_ACTION } from '../src/demo/lit-action';
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { mintPkp, startEachTestClean } from './sessions';
import {
  CONFIRM_LIT_ACTION,
  actionSigner,
  approveSessionRequest,
  confirmationWindow,
  encryptFor,
  expectActivity,
  signingActionParams,
  watchApprovalWindows,
} from './brokered';
import { decide } from './approval-windows';

startEachTestClean();

test('lit_executeJs: an action signing with signEcdsa, its first run confirmed, recovers to the PKP', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  const pkp = await mintPkp(devnet, { permittedAddresses: [wallet.address] });
  await page.goto(demo.url);

  const run = signingActionParams(pkp.publicKey, 'first run');
  const asking = litRequest(page, { method: 'lit_executeJs', params: run.params });
  await approveSessionRequest(extension, { forMethod: 'lit_executeJs' });
  const window = await confirmationWindow(extension, CONFIRM_LIT_ACTION);
  await expect(window.getByText(SIGNING_ACTION.ipfsId).first()).toBeVisible();
  await expect(window.getByText('Lit.Actions.signEcdsa', { exact: false }).first()).toBeVisible();
  await expect(window.getByText(pkp.publicKey, { exact: false }).first()).toBeVisible();
  await decide(window, window.getByRole('button', { name: 'Approve' }), 15_000);
  const { result, error } = await asking;
  expect(error).toBeUndefined();
  expect(result).toMatchObject({
    response: 'signed',
    logs: expect.stringContaining('signing 32 bytes with the PKP'),
    claims: {},
  });
  expect(actionSigner(result, run.digest)).toBe(pkp.ethAddress);

  // The same CID again in this session: no window, a new signature.
  const windows = watchApprovalWindows(extension);
  const again = signingActionParams(pkp.publicKey, 'second run');
  const second = await litRequest(page, { method: 'lit_executeJs', params: again.params });
  windows.stop();
  expect(second.error).toBeUndefined();
  expect(actionSigner(second.result, again.digest)).toBe(pkp.ethAddress);
  expect(windows.opened).toEqual([]);

  await expectActivity(extension, [/^lit_executeJs · ok · 3 nodes · /]);
});

test('lit_encrypt + lit_decrypt: the user gets their own note back; another address is refused', async ({
  page,
  demo,
  extension,
}) => {
  const wallet = await installTestWallet(page);
  await page.goto(demo.url);

  const mine = await encryptFor(page, wallet.address, 'a note for myself');
  const asking = litRequest(page, { method: 'lit_decrypt', params: mine });
  await approveSessionRequest(extension, { forMethod: 'lit_decrypt' });
  const { result, error } = await asking;
  expect(error).toBeUndefined();
  expect(result).toEqual({ data: 'a note for myself' });

  const someoneElse = Wallet.createRandom().address;
  const theirs = await encryptFor(page, someoneElse, 'not for this wallet');
  const refused = litRequest(page, { method: 'lit_decrypt', params: theirs });
  await approveSessionRequest(extension, { forMethod: 'lit_decrypt' });
  const { error: notAuthorized } = await refused;
  expect(notAuthorized).toMatchObject({
    code: 4100,
    data: { errorCode: 'NodeAccessControlConditionsReturnedNotAuthorized' },
  });

  await expectActivity(extension, [
    /^lit_decrypt · ok · /,
    /^lit_decrypt · refused.*NodeAccessControlConditionsReturnedNotAuthorized/,
  ]);
});
