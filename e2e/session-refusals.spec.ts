// Saying no: Deny and closing the window give 4001; disconnectWeb3 leaves no record and no key.
import { askWorker, expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import {
  approveIn,
  requestNeedingApproval,
  openExtensionPage,
  recordEvents,
  recordedEvents,
  startEachTestClean,
  vaultEntries,
  approveSession,
} from './sessions';

startEachTestClean();

test('Deny rejects with 4001, and so does closing the approval window', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);

  const denied = await requestNeedingApproval(page, extension);
  await denied.approval.getByRole('button', { name: 'Deny' }).click();
  expect((await denied.answer).error).toEqual({
    code: 4001,
    message: 'The user rejected the request',
    data: undefined,
  });

  const closed = await requestNeedingApproval(page, extension);
  await closed.approval.close();
  expect((await closed.answer).error).toMatchObject({
    code: 4001,
    message: 'The approval window was closed',
  });
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toEqual([]);
});

test('several requests queue in one window, each answered in turn', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const { approval, answer: first } = await requestNeedingApproval(page, extension);
  const second = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: {
      resourceAbilityRequests: [
        {
          resource: { resource: '*', resourcePrefix: 'lit-litaction' },
          ability: 'lit-action-execution',
        },
      ],
    },
  });
  await expect(approval.getByTestId('queue')).toHaveText(/Request 1 of 2/);
  await approval.getByRole('button', { name: 'Deny' }).click();
  expect((await first).error).toMatchObject({ code: 4001 });
  await expect(approval.getByTestId('capabilities')).toContainText('Run Lit Actions');
  await approveIn(approval);
  expect(Object.keys((await second).result as object)).toHaveLength(3);
});

test('disconnectWeb3 leaves no session record and no key for that origin, and tells its pages', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  await recordEvents(page);
  const origin = new URL(demo.url).origin;
  await approveSession(page, extension);
  expect((await vaultEntries(extension)).filter((e) => e.origin === origin)).toHaveLength(1);

  expect(
    await page.evaluate(() =>
      (
        window as unknown as { lit: { disconnectWeb3: () => Promise<unknown> } }
      ).lit.disconnectWeb3(),
    ),
  ).toBeNull();
  expect((await vaultEntries(extension)).filter((e) => e.origin === origin)).toEqual([]);
  const options = await openExtensionPage(extension);
  const status = await askWorker(options, { type: 'ui_getStatus' });
  expect(status.ok && status.result.sessions.filter((s) => s.origin === origin)).toEqual([]);
  const stored = await options.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local.get('lit-companion:sessions'),
  );
  expect(JSON.stringify(stored)).not.toContain(origin);
  await options.close();
  await expect
    .poll(async () => (await recordedEvents(page)).map((e) => e.name))
    .toEqual(['sessionsChanged', 'disconnect']);
});
