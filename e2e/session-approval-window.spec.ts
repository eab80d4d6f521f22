// The approval window shows what will be signed: the session length the select shows is the
// session's expiration, as time passes too; a long origin keeps its real domain in view; `*` and
// a capability's data are spelled out; a request that takes the place of another (withdrawn, or
// just decided) is announced and cannot be approved by a click already on its way.
import type { Page } from '@playwright/test';
import { askWorker, expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import {
  nextApprovalWindow,
  openExtensionPage,
  pkpSigningAny,
  requestNeedingApproval,
  startEachTestClean,
} from './sessions';
import type { ResourceAbilityRequest } from '../src/extension/messages';

startEachTestClean();

const MINUTE = 60_000;

/**
 * Gives the approval window a clock of its own that the test moves: `Date.now` runs ahead by what
 * `advance(ms)` added, and each `setInterval` callback (the window's ticking clock, its 20 s
 * re-read) runs at once; `__skew(ms)` moves `Date.now` alone, as time passes between two ticks. Only this page: Playwright's `clock` would fake every page of the
 * shared browser. The window reloads to take it (the request stays waiting).
 */
async function ownClock(approval: Page): Promise<(ms: number) => Promise<void>> {
  await approval.addInitScript(() => {
    const w = window as unknown as {
      __shift: number;
      __advance: (ms: number) => void;
      __skew: (ms: number) => void;
    };
    const realNow = Date.now.bind(Date);
    w.__shift = 0;
    Date.now = () => realNow() + w.__shift;
    const runs = new Map<number, () => void>();
    const setTimer = window.setInterval.bind(window);
    const clearTimer = window.clearInterval.bind(window);
    window.setInterval = ((fn: () => void, ms?: number) => {
      const id = setTimer(fn, ms);
      runs.set(id, fn);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      if (id !== undefined) runs.delete(id);
      clearTimer(id);
    }) as typeof window.clearInterval;
    w.__advance = (ms: number) => {
      w.__shift += ms;
      for (const run of runs.values()) run();
    };
    w.__skew = (ms: number) => {
      w.__shift += ms;
    };
  });
  await approval.reload();
  await expect(approval.getByTestId('capabilities')).toBeVisible();
  return (ms) =>
    approval.evaluate(
      (m) => (window as unknown as { __advance: (ms: number) => void }).__advance(m),
      ms,
    );
}

function sessionEnds(approval: Page): Promise<string> {
  return approval
    .getByLabel('Session ends')
    .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
}

async function onlySession(page: Page): Promise<{ expiration: string }> {
  const sessions = (await litRequest(page, { method: 'lit_getSessions' })).result as {
    expiration: string;
  }[];
  expect(sessions).toHaveLength(1);
  return sessions[0]!;
}

test('a site’s 24 h limit stays what the select shows and what is signed as the minutes pass', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const expiration = new Date(Date.now() + 24 * 60 * MINUTE).toISOString();
  const { approval, answer } = await requestNeedingApproval(page, extension, {
    resourceAbilityRequests: [pkpSigningAny],
    expiration,
  });
  const advance = await ownClock(approval);
  expect(await sessionEnds(approval)).toMatch(/^until the site's limit, in 23 h 59 min \(/);
  // The window's list of lengths is rebuilt at each tick; the choice must survive it.
  await advance(MINUTE + 1_000);
  await expect.poll(() => sessionEnds(approval)).toMatch(/^until the site's limit, in 23 h 58 min/);
  await approval.getByRole('button', { name: 'Approve' }).click();
  expect((await answer).error).toBeUndefined();
  expect((await onlySession(page)).expiration).toBe(expiration);
});

test('Approve signs the end the chosen length shows, however long after the last tick it is pressed', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const { approval, answer } = await requestNeedingApproval(page, extension);
  await ownClock(approval);
  await approval.getByLabel('Session ends').selectOption('60');
  const shown = await sessionEnds(approval);
  // 29 s pass before the window's next 30 s tick: the select still shows the end read above.
  await approval.evaluate(() =>
    (window as unknown as { __skew: (ms: number) => void }).__skew(29_000),
  );
  await approval.getByRole('button', { name: 'Approve' }).click();
  expect((await answer).error).toBeUndefined();
  const { expiration } = await onlySession(page);
  // Written the way the window writes it (same browser, same locale and time zone).
  const signed = await page.evaluate((iso) => new Date(iso).toLocaleString(), expiration);
  expect(shown).toBe(`in 1 h (${signed})`);
});

test('a default length the standard list lacks is shown and signed as it is', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const options = await openExtensionPage(extension);
  const setDefault = (minutes: number) =>
    askWorker(options, {
      type: 'ui_setSettings',
      settings: { rpcUrl: devnet.rpcUrl, defaultSessionMinutes: minutes },
    });
  expect((await setDefault(90)).ok).toBe(true);
  try {
    await installTestWallet(page);
    await page.goto(demo.url);
    const { approval, answer } = await requestNeedingApproval(page, extension);
    expect(await sessionEnds(approval)).toMatch(/^in 1 h 30 min \(/);
    // The longest choice of an open-ended request is 30 days from the request, by name.
    const labels = await approval
      .getByLabel('Session ends')
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.textContent ?? ''));
    expect(labels.at(-1)).toMatch(/^the longest allowed, in 29 days 23 h \(/);
    const approvedAt = Date.now();
    await approval.getByRole('button', { name: 'Approve' }).click();
    expect((await answer).error).toBeUndefined();
    const signed = Date.parse((await onlySession(page)).expiration) - approvedAt;
    expect(signed).toBeGreaterThan(89 * MINUTE);
    expect(signed).toBeLessThan(91 * MINUTE);
  } finally {
    await setDefault(24 * 60);
    await options.close();
  }
});

test('a long origin keeps its real domain in view; `*` and a capability’s data are spelled out', async ({
  page,
  extension,
}) => {
  const origin =
    'https://app.uniswap.org.secure.login.session.verify.account.wallet.connect.attackerdomain.xyz';
  // The host resolves nowhere: the test serves the page itself (on this page only: routing the
  // whole context raced the approval window closing itself when the route was removed).
  const served = `${origin}/**`;
  await page.route(served, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>dApp</title>' }),
  );
  try {
    await installTestWallet(page);
    await page.goto(`${origin}/`);
    const withData: ResourceAbilityRequest = {
      ...pkpSigningAny,
      data: { note: 'pay 1\u202E0001\u202C ETH' },
    };
    const { approval, answer } = await requestNeedingApproval(page, extension, {
      resourceAbilityRequests: [withData],
    });
    // The width the worker opens the window at.
    await approval.setViewportSize({ width: 440, height: 680 });
    await expect(approval.getByTestId('origin')).toHaveText(origin);
    await expect(approval.getByTestId('origin-end')).toHaveText('attackerdomain.xyz');
    await expect(approval.getByTestId('origin-end')).toBeInViewport({ ratio: 1 });
    expect(
      await approval.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true);

    await expect(approval.getByTestId('capability-any')).toHaveText(
      'Applies to any PKP, not one in particular.',
    );
    await expect(approval.getByTestId('capability-data')).toContainText(
      '"note": "pay 1⟨U+202E⟩0001⟨U+202C⟩ ETH"',
    );
    await expect(approval.getByTestId('capability-data-hidden')).toContainText(
      'The data holds 2 invisible or reordering characters',
    );
    await approval.getByRole('button', { name: 'Deny' }).click();
    expect((await answer).error).toMatchObject({ code: 4001 });
  } finally {
    await page.unroute(served);
  }
});

test('a request taking the place of a withdrawn one is announced and its buttons wait', async ({
  page,
  demo,
  extension,
}) => {
  const narrow: ResourceAbilityRequest = {
    resource: { resource: 'ab'.repeat(32), resourcePrefix: 'lit-pkp' },
    ability: 'pkp-signing',
  };
  await installTestWallet(page);
  await page.goto(demo.url);
  const opened = nextApprovalWindow(extension);
  void litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [narrow] },
  }).catch(() => undefined);
  const approval = await opened;
  await expect(approval.getByTestId('capabilities')).toContainText(narrow.resource.resource);

  // A second tab of the same site queues a broad request behind it.
  const other = await extension.context.newPage();
  const otherWallet = await installTestWallet(other);
  await other.goto(demo.url);
  const broad = litRequest(other, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny] },
  });
  await expect(approval.getByTestId('queue')).toHaveText(/Request 1 of 2/);

  // The first tab goes: its request is withdrawn and the broad one takes its place.
  await page.close();
  const approve = approval.getByRole('button', { name: 'Approve' });
  await expect(approval.getByTestId('request-switched')).toBeVisible();
  await expect(approval.getByTestId('capabilities')).toContainText('lit-pkp://*');
  await expect(approve).toBeDisabled();
  await expect(approval.getByRole('button', { name: 'Deny' })).toBeDisabled();
  await expect(approval.getByRole('heading', { level: 2 })).toBeFocused();
  // A click already on its way does nothing.
  await approve.click({ force: true });
  await expect(approve).toBeEnabled({ timeout: 3_000 });
  expect(otherWallet.calls.map((c) => c.method)).not.toContain('personal_sign');
  await expect(approval.getByTestId('capabilities')).toContainText('lit-pkp://*');

  await approval.getByRole('button', { name: 'Deny' }).click();
  expect((await broad).error).toMatchObject({ code: 4001 });
  await other.close();
});

test('the second click of a double-click on Approve does not decide the next request', async ({
  page,
  demo,
  extension,
}) => {
  const narrow: ResourceAbilityRequest = {
    resource: { resource: 'cd'.repeat(32), resourcePrefix: 'lit-pkp' },
    ability: 'pkp-signing',
  };
  const wallet = await installTestWallet(page);
  await page.goto(demo.url);
  const opened = nextApprovalWindow(extension);
  const first = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [narrow] },
  });
  const approval = await opened;
  await expect(approval.getByTestId('capabilities')).toContainText(narrow.resource.resource);
  // The same site queues a broad request behind the one the user reads.
  const second = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny] },
  });
  await expect(approval.getByTestId('queue')).toHaveText(/Request 1 of 2/);

  const approve = approval.getByRole('button', { name: 'Approve' });
  const deny = approval.getByRole('button', { name: 'Deny' });
  await approve.click();
  // The next request replaces the first in the same layout; the second click comes as soon as it
  // is on screen (checked every frame), as the second half of a double-click would.
  await approval.waitForFunction(
    () =>
      document.querySelector('[data-testid="capabilities"]')?.textContent?.includes('lit-pkp://*'),
    undefined,
    { polling: 'raf' },
  );
  await approve.click({ force: true });
  expect((await first).error).toBeUndefined();
  await expect(approve).toBeDisabled();
  await expect(deny).toBeDisabled();
  await expect(approve).toBeEnabled({ timeout: 3_000 });
  await expect(approval.getByTestId('capabilities')).toContainText('lit-pkp://*');
  // Only the first request was signed; the second is still the user's to decide.
  expect(wallet.calls.filter((c) => c.method === 'personal_sign')).toHaveLength(1);
  await deny.click();
  expect((await second).error).toMatchObject({ code: 4001 });
});

test('after a decision by keyboard the next request is announced and its heading has the focus', async ({
  page,
  demo,
  extension,
}) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const opened = nextApprovalWindow(extension);
  const first = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: [pkpSigningAny] },
  });
  const approval = await opened;
  await expect(approval.getByTestId('capabilities')).toBeVisible();
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
  await approval.getByRole('button', { name: 'Deny' }).focus();
  await approval.keyboard.press('Enter');
  expect((await first).error).toMatchObject({ code: 4001 });
  await expect(approval.getByTestId('capability')).toContainText('Lit Action');
  // Not on the page's body: the keyboard goes on from the new request's heading.
  await expect(approval.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(approval.getByRole('status').and(approval.getByTestId('request-next'))).toHaveText(
    `Your answer was sent. Request 2: ${new URL(demo.url).origin} asks for a Lit session. Read it before you decide.`,
  );
  await expect(approval.getByRole('button', { name: 'Deny' })).toBeEnabled({ timeout: 3_000 });
  await approval.getByRole('button', { name: 'Deny' }).click();
  expect((await second).error).toMatchObject({ code: 4001 });
});
