// lit_pkpSign brokered by the extension: with no session covering the PKP the window asks for one
// ("Needed for lit_pkpSign"), then each signature is confirmed (the default) showing the origin,
// the PKP, the digest and the message; the signature recovers to the PKP; a denied confirmation
// is 4001; a message that is not what `toSign` hashes is refused without asking; the popup's
// activity list shows both calls, the second arriving in a list left open.
import { utils } from 'ethers';
import { eip191Hash, recoverAddress } from '../src/protocol/ethereum';
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { mintPkp, openPopup, startEachTestClean } from './sessions';
import {
  CONFIRM_PKP_SIGN,
  activityItems,
  approveSessionRequest,
  confirm,
  confirmationWindow,
  expectActivity,
  pkpSignParams,
} from './brokered';
import { decide } from './approval-windows';

startEachTestClean();

test('lit_pkpSign: a session for it, the signature confirmed and recovering to the PKP; a denied one is 4001', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  const pkp = await mintPkp(devnet, { permittedAddresses: [wallet.address] });
  await page.goto(demo.url);

  const { message, params } = pkpSignParams(pkp.publicKey, 'Pay 1 ETH to the demo');
  const asking = litRequest(page, { method: 'lit_pkpSign', params });
  await approveSessionRequest(extension, { forMethod: 'lit_pkpSign' });
  const window = await confirmationWindow(extension, CONFIRM_PKP_SIGN);
  await expect(window.getByText(new URL(demo.url).origin).first()).toBeVisible();
  await expect(window.getByText(pkp.ethAddress).first()).toBeVisible();
  await expect(window.getByText(pkp.publicKey).first()).toBeVisible();
  await expect(window.getByText(params.toSign).first()).toBeVisible();
  await expect(window.getByText(message).first()).toBeVisible();
  await decide(window, window.getByRole('button', { name: 'Approve' }), 15_000);
  const { result, error } = await asking;
  expect(error).toBeUndefined();
  const signed = result as { signature: string; r: string; s: string; dataSigned: string };
  expect(recoverAddress(eip191Hash(message), signed.signature)).toBe(pkp.ethAddress);
  // Lit's SDK users check it with ethers: the same answer.
  expect(utils.verifyMessage(message, signed.signature)).toBe(pkp.ethAddress);
  expect(signed.dataSigned.toLowerCase()).toBe(params.toSign.slice(2).toLowerCase());

  // The popup's activity list, left open, follows the calls as they happen.
  const popup = await openPopup(extension);
  await expect
    .poll(() => activityItems(popup))
    .toEqual([expect.stringMatching(/^lit_pkpSign · ok/)]);

  // The next signature is confirmed again; denied, the page gets 4001.
  const second = pkpSignParams(pkp.publicKey);
  const denied = litRequest(page, { method: 'lit_pkpSign', params: second.params });
  await confirm(extension, CONFIRM_PKP_SIGN, false);
  expect((await denied).error).toMatchObject({ code: 4001 });
  await expect
    .poll(() => activityItems(popup))
    .toEqual([
      expect.stringMatching(/^lit_pkpSign · refused/),
      expect.stringMatching(/^lit_pkpSign · ok/),
    ]);
  await popup.close();

  // A message that is not what toSign hashes is refused before anyone is asked.
  const mismatch = await litRequest(page, {
    method: 'lit_pkpSign',
    params: { ...second.params, message: 'Pay 100 ETH to the demo' },
  });
  expect(mismatch.error).toMatchObject({
    code: -32602,
    message: expect.stringContaining('toSign'),
  });

  await expectActivity(extension, [/^lit_pkpSign · ok · \d+ nodes? · /, /^lit_pkpSign · refused/]);
});
