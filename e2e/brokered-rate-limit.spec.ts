// Capacity credits on a `--rate-limit` devnet: a credit minted in the options page (owned by the
// built-in account), attached at approval to the page wallet's session as a delegation of 3
// uses; executeJs runs on every node, so every node counts each call: three runs pass, the
// fourth is refused with rate_limit_exceeded, in the page and in the popup's activity list.
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { openPopup, startEachTestClean } from './sessions';
import {
  CONFIRM_LIT_ACTION,
  approveSessionRequest,
  confirm,
  createBuiltinAccount,
  expectActivity,
  mintCreditInOptions,
  withOwnDevnet,
} from './brokered';

startEachTestClean();

const COUNTED = `(async () => { Lit.Actions.setResponse({ response: "counted " + n }); })();`;

test('--rate-limit: a delegation of 3 uses allows three lit_executeJs; the 4th is rate_limit_exceeded', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  // The built-in account's scrypt takes seconds on a busy machine.
  test.setTimeout(120_000);
  await withOwnDevnet(extension, devnet, { rateLimit: true }, async () => {
    await createBuiltinAccount(extension, 'correct horse battery');
    const tokenId = await mintCreditInOptions(extension);
    // The session is the page wallet's, not the credit owner's: only the delegation serves it.
    await installTestWallet(page);
    await page.goto(demo.url);

    const run = (n: number) =>
      litRequest(page, { method: 'lit_executeJs', params: { code: COUNTED, jsParams: { n } } });
    const first = run(1);
    await approveSessionRequest(extension, {
      forMethod: 'lit_executeJs',
      pageWallet: true,
      capacityCredit: { tokenId, uses: 3 },
    });
    await confirm(extension, CONFIRM_LIT_ACTION, true);
    expect(await first).toMatchObject({ result: { response: 'counted 1' } });
    expect(await run(2)).toMatchObject({ result: { response: 'counted 2' } });
    expect(await run(3)).toMatchObject({ result: { response: 'counted 3' } });

    const { error } = await run(4);
    expect(error).toMatchObject({
      code: -32005,
      message: expect.stringContaining('rate_limit_exceeded'),
      data: { errorCode: 'rate_limit_exceeded' },
    });

    const popup = await openPopup(extension);
    await expect(popup.getByTestId('session')).toContainText(
      `Capacity credit #${tokenId} (3 uses)`,
    );
    await popup.close();
    const items = await expectActivity(extension, [
      /^lit_executeJs · refused.*rate_limit_exceeded/,
    ]);
    expect(items.filter((i) => /^lit_executeJs · ok · 3 nodes · /.test(i))).toHaveLength(3);
  });
});
