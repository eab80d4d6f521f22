// Lit Action sessions: the approval window shows the action (CID, size, code, jsParams); an action
// that says yes gives sigs every node accepts; one that says no fails with Lit's code and its logs;
// one that never ends fails with the time-out and the extension stays usable; revoking ends it.
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { actions, createPkpInOptions, requestPkpSession } from './pkps';
import { ipfsCidV0 } from '../src/protocol/ipfs-cid';
import {
  closeFailure,
  approveIn,
  expectNodesAccept,
  expectNodesReject,
  openPopup,
  pkpSigningAny,
  startEachTestClean,
  vaultEntries,
  type DevnetPkp,
  type SessionSigs,
} from './sessions';

startEachTestClean();

let pkp: DevnetPkp;

test.beforeEach(async ({ page, demo, extension }) => {
  // Each test has a new page wallet, with a PKP of its own created in the options page.
  const wallet = await installTestWallet(page);
  pkp = await createPkpInOptions(extension, wallet.address);
  await page.goto(demo.url);
});

function actionRequest(code: string, jsParams: object = { user: 'alice' }) {
  return {
    pkpPublicKey: pkp.publicKey,
    litActionCode: code,
    jsParams,
    resourceAbilityRequests: [pkpSigningAny],
  };
}

test('an action that says yes: the window shows it, the sigs work, revoking ends them', async ({
  page,
  extension,
  devnet,
}) => {
  const { approval, answer } = await requestPkpSession(
    page,
    extension,
    'lit_getLitActionSessionSigs',
    actionRequest(actions.allow),
  );
  await expect(approval.getByTestId('action-cid')).toHaveText(ipfsCidV0(actions.allow));
  await expect(approval.getByTestId('action-size')).toHaveText(
    `${new TextEncoder().encode(actions.allow).length} bytes`,
  );
  await expect(approval.getByTestId('action-code')).toHaveText(actions.allow);
  await expect(approval.getByTestId('action-params')).toContainText('"user": "alice"');
  await expect(approval.getByTestId('pkp-address')).toHaveText(pkp.ethAddress);
  await approveIn(approval);
  const { result, error } = await answer;
  expect(error).toBeUndefined();
  const sigs = result as SessionSigs;
  await expectNodesAccept(devnet, sigs, pkp);

  const [session] = (await litRequest(page, { method: 'lit_getSessions' })).result as {
    id: string;
  }[];
  expect(session).toMatchObject({
    authMethod: 'lit-action',
    litAction: { cid: ipfsCidV0(actions.allow) },
    pkp: { address: pkp.ethAddress },
  });
  const popup = await openPopup(extension);
  await expect(popup.getByTestId('session-kind')).toContainText('Lit Action session');
  await expect(popup.getByTestId('session-action-cid')).toHaveText(ipfsCidV0(actions.allow));
  await popup.close();

  // The same action with the same jsParams needs no new approval.
  const again = await litRequest(page, {
    method: 'lit_getLitActionSessionSigs',
    params: actionRequest(actions.allow),
  });
  expect(Object.keys(again.result as SessionSigs)).toHaveLength(3);

  expect(
    (await litRequest(page, { method: 'lit_revokeSession', params: { sessionId: session!.id } }))
      .error,
  ).toBeUndefined();
  await expectNodesReject(devnet, sigs, 'NodeSessionKeyRevoked', pkp);
  expect(await vaultEntries(extension)).toEqual([]);
});

test('an action that says no fails with NodeLitActionsSessionSigAuthenticationFailed and its logs', async ({
  page,
  extension,
}) => {
  const { approval, answer } = await requestPkpSession(
    page,
    extension,
    'lit_getLitActionSessionSigs',
    actionRequest(actions.deny),
  );
  await approveIn(approval);
  const { error } = await answer;
  expect(error).toMatchObject({
    code: 4100,
    data: {
      errorCode: 'NodeLitActionsSessionSigAuthenticationFailed',
      logs: expect.stringContaining('refusing alice'),
    },
  });
  await expect(approval.getByTestId('failure-code')).toHaveText(
    'NodeLitActionsSessionSigAuthenticationFailed',
  );
  await expect(approval.getByTestId('failure-logs')).toContainText('refusing alice');
  // The failure stays on screen until the user moves on; then the window closes itself.
  const closed = approval.waitForEvent('close');
  await closeFailure(approval);
  await closed;
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toEqual([]);
  expect(await vaultEntries(extension)).toEqual([]);
});

test('an action that never ends fails with the time-out; the extension stays usable', async ({
  page,
  extension,
  devnet,
}) => {
  // The suite's devnet stops actions after 3 s (harness.ts; Datil's limit is 30 s).
  test.setTimeout(60_000);
  const { approval, answer } = await requestPkpSession(
    page,
    extension,
    'lit_getLitActionSessionSigs',
    actionRequest(actions.loop),
  );
  await approveIn(approval);
  // Progress shows while the nodes run it.
  await expect(approval.getByTestId('signing-progress')).toContainText('of 3 nodes signed');
  const { error } = await answer;
  expect(error).toMatchObject({
    code: 4100,
    message: expect.stringContaining('timed out'),
    data: {
      errorCode: 'NodeLitActionsSessionSigAuthenticationFailed',
      actionErrorCode: 'NodeJsTimeoutError',
      logs: expect.stringContaining('looping'),
    },
  });
  await expect(approval.getByTestId('failure-message')).toContainText(
    'Lit Action timed out after 3000 ms',
  );
  await closeFailure(approval);

  // Still usable: the worker answers and a good action gets its session.
  expect((await litRequest(page, { method: 'lit_ping' })).result).toBeDefined();
  const next = await requestPkpSession(
    page,
    extension,
    'lit_getLitActionSessionSigs',
    actionRequest(actions.allow, { user: 'bob' }),
  );
  await approveIn(next.approval);
  const { result } = await next.answer;
  await expectNodesAccept(devnet, result as SessionSigs, pkp);
});

test('bidi and invisible characters in the code and jsParams are written out, with a warning', async ({
  page,
  extension,
}) => {
  // "Trojan Source": the override makes the comment's end look like code, and a Hangul filler
  // looks like nothing at all.
  const code = `(async () => {\n  const ok = user === "alice"; // \u202E } \u2066if (admin)\u2069 {\n  Lit.Actions.setResponse({ response: JSON.stringify(ok) });\n})();`;
  const { approval, answer } = await requestPkpSession(
    page,
    extension,
    'lit_getLitActionSessionSigs',
    actionRequest(code, { user: 'alice\u3164' }),
  );
  await expect(approval.getByTestId('action-code')).toContainText(
    '// ⟨U+202E⟩ } ⟨U+2066⟩if (admin)⟨U+2069⟩ {',
  );
  await expect(approval.getByTestId('action-code-hidden')).toContainText(
    'The code holds 3 invisible or reordering characters',
  );
  await expect(approval.getByTestId('action-params')).toContainText('"user": "alice⟨U+3164⟩"');
  await expect(approval.getByTestId('action-params-hidden')).toContainText(
    'The jsParams holds 1 invisible or reordering character,',
  );
  await approval.getByRole('button', { name: 'Deny' }).click();
  expect((await answer).error).toMatchObject({ code: 4001 });
});
