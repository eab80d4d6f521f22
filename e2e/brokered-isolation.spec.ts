// What a page can learn and do: a page listening on every channel it reaches (window messages,
// its `window.lit` events, its DOM) hears nothing that parses as a session sig or key while the
// extension signs, runs an action, encrypts, decrypts and makes a JWT for it (and does hear the
// sigs lit_getSessionSigs hands out, so it was listening); another origin can use none of this
// origin's sessions (4100, and no window asks anyone).
import { providerEventNames } from '../src/extension/messages';
import { eip191Hash, recoverAddress } from '../src/protocol/ethereum';
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { mintPkp, startEachTestClean } from './sessions';
import {
  CONFIRM_LIT_ACTION,
  CONFIRM_PKP_SIGN,
  actionSigner,
  approveSessionRequest,
  confirm,
  encryptFor,
  forgetHeard,
  heardSecrets,
  listenToProvider,
  onlyFor,
  pkpSignParams,
  recordChannels,
  signingActionParams,
  startWithAllowedSession,
  watchApprovalWindows,
} from './brokered';

startEachTestClean();

test('a page listening on every channel hears no session sig or key during brokered calls', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  await recordChannels(page);
  const wallet = await installTestWallet(page);
  const pkp = await mintPkp(devnet, { permittedAddresses: [wallet.address] });
  await page.goto(demo.url);
  await listenToProvider(page, providerEventNames);

  // Each call as a dApp makes it, with the windows the extension opens for it.
  const sign = pkpSignParams(pkp.publicKey);
  const signing = litRequest(page, { method: 'lit_pkpSign', params: sign.params });
  await approveSessionRequest(extension, { forMethod: 'lit_pkpSign' });
  await confirm(extension, CONFIRM_PKP_SIGN, true);
  const signed = await signing;
  expect(signed.error).toBeUndefined();
  expect(
    recoverAddress(eip191Hash(sign.message), (signed.result as { signature: string }).signature),
  ).toBe(pkp.ethAddress);

  const run = signingActionParams(pkp.publicKey);
  const running = litRequest(page, { method: 'lit_executeJs', params: run.params });
  await approveSessionRequest(extension, { forMethod: 'lit_executeJs' });
  await confirm(extension, CONFIRM_LIT_ACTION, true);
  const ran = await running;
  expect(ran.error).toBeUndefined();
  expect(actionSigner(ran.result, run.digest)).toBe(pkp.ethAddress);

  const sealed = await encryptFor(page, wallet.address, 'overheard?');
  const decrypting = litRequest(page, { method: 'lit_decrypt', params: sealed });
  await approveSessionRequest(extension, { forMethod: 'lit_decrypt' });
  expect((await decrypting).result).toEqual({ data: 'overheard?' });

  const jwt = litRequest(page, {
    method: 'lit_getSignedToken',
    params: { ...onlyFor(wallet.address), chain: 'ethereum' },
  });
  await approveSessionRequest(extension, { forMethod: 'lit_getSignedToken' });
  expect((await jwt).result).toMatchObject({
    jwt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
  });

  const during = await heardSecrets(page);
  // The page heard plenty (every answer, the sessionsChanged events, its own DOM)…
  expect(during.heard).toBeGreaterThan(10);
  // …and nothing of it is a session sig or key.
  expect(during.secrets).toEqual([]);

  // The same listener does hear sigs when the page asks for them: it can tell. The session
  // approved for lit_pkpSign covers this PKP but never hands out its sigs (the page could then
  // skip its confirmations): the page gets them only from a session of its own, approved anew.
  await forgetHeard(page);
  const asking = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: {
      resourceAbilityRequests: [
        { resource: { resource: pkp.tokenId, resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      ],
    },
  });
  await approveSessionRequest(extension, { pkpSigning: 'allow' });
  const handedOut = await asking;
  expect(Object.keys(handedOut.result as object)).toHaveLength(3);
  const control = await heardSecrets(page);
  expect(
    control.secrets.filter((s) => s.channel === 'window message').flatMap((s) => s.found),
  ).toEqual(['session sig', 'session sig', 'session sig']);
});

test("another origin cannot use this origin's session for any brokered method (4100)", async ({
  page,
  demo,
  otherDemo,
  extension,
  devnet,
}) => {
  // One session of this origin covering every brokered call, signatures allowed.
  const { wallet, pkp } = await startWithAllowedSession(page, extension, devnet, demo.url);

  const sealed = await encryptFor(page, wallet.address, 'for this origin');
  const action = signingActionParams(pkp.publicKey);
  const calls = {
    lit_pkpSign: pkpSignParams(pkp.publicKey).params,
    lit_executeJs: action.params,
    lit_decrypt: sealed,
    lit_getSignedToken: { ...onlyFor(wallet.address), chain: 'ethereum' },
  };
  // This origin: each works (the action's first run is confirmed).
  const ran = litRequest(page, { method: 'lit_executeJs', params: calls.lit_executeJs });
  await confirm(extension, CONFIRM_LIT_ACTION, true);
  expect((await ran).error).toBeUndefined();
  for (const method of ['lit_pkpSign', 'lit_decrypt', 'lit_getSignedToken'] as const) {
    const { error } = await litRequest(page, { method, params: calls[method] });
    expect(error, method).toBeUndefined();
  }

  // Another origin, with no wallet and no built-in account: nothing to approve with, so 4100,
  // and no window asks anyone.
  const other = await extension.context.newPage();
  await other.goto(otherDemo.url);
  const windows = watchApprovalWindows(extension);
  try {
    for (const [method, params] of Object.entries(calls)) {
      const { error } = await litRequest(other, { method, params });
      expect(error, method).toMatchObject({ code: 4100 });
    }
  } finally {
    windows.stop();
  }
  expect(windows.opened).toEqual([]);
  // Encrypting needs no session: anyone may.
  const encrypted = await litRequest(other, {
    method: 'lit_encrypt',
    params: { ...onlyFor(wallet.address), data: 'anyone can encrypt' },
  });
  expect(encrypted.result).toMatchObject({
    dataToEncryptHash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  // This origin's session is untouched.
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toHaveLength(1);
  await other.close();
});
