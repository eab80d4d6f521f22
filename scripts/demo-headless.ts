// `npm start -- --headless`: the demo's steps, run by a script in headless Chromium with the
// built extension, as a user would: create the built-in account in the options page, click each
// step on the demo page, approve whatever the extension's window asks (a session, a PKP signature,
// a Lit Action's first run). It writes the pictures the README shows (the approval windows, the
// popup, its activity lists) and says, one line per step, what worked.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import {
  OPTIONS_PAGE,
  POPUP_PAGE,
  askWorker,
  extensionUrl,
  launchExtension,
  type Extension,
} from '../e2e/harness';
import { approvalWindowWith, decide } from '../e2e/approval-windows';

export interface HeadlessDemoOptions {
  demoUrl: string;
  rpcUrl: string;
  outDir: string;
  log: (line: string) => void;
}

export interface StepOutcome {
  step: string;
  ok: boolean;
  /** What the page showed: the sigs and the node request's result, or the error. */
  detail: string;
}

/**
 * The demo page's steps, in order: the others need the wallet step's PKP. The brokered ones get
 * results, not sigs: each passes only when the page saw no session sig while it ran.
 */
export const DEMO_STEPS = [
  { step: 'wallet', section: '#step-wallet', button: '#get-sigs', brokered: false },
  { step: 'pkp', section: '#step-pkp', button: '#get-pkp-sigs', brokered: false },
  { step: 'lit-action', section: '#step-lit-action', button: '#get-action-sigs', brokered: false },
  { step: 'pkp-sign', section: '#step-pkp-sign', button: '#pkp-sign', brokered: true },
  { step: 'action-sign', section: '#step-execute-js', button: '#execute-js', brokered: true },
  { step: 'encrypt-decrypt', section: '#step-encrypt', button: '#encrypt-decrypt', brokered: true },
] as const;

type DemoStep = (typeof DEMO_STEPS)[number];

// The keystore's scrypt takes seconds on a busy machine; nodes answer within the client's 30 s.
const SCRYPT_MS = 60_000;
const STEP_MS = 90_000;
const WINDOW_MS = 15_000;
/** More windows than any step needs (a session, then a confirmation): a loop, not a step. */
const MAX_WINDOWS_PER_STEP = 4;

/** Runs every step; never throws for a step that fails (its outcome says why). */
export async function runHeadlessDemo(options: HeadlessDemoOptions): Promise<StepOutcome[]> {
  mkdirSync(options.outDir, { recursive: true });
  const extension = await launchExtension();
  try {
    const password = `demo-${crypto.randomUUID()}`;
    await prepareExtension(extension, options.rpcUrl, password);
    options.log('headless: the extension points at the devnet and has a built-in account');

    const page = await extension.context.newPage();
    await page.setViewportSize({ width: 900, height: 1200 });
    await page.goto(options.demoUrl);
    await page.locator('#provider-status').getByText('Found').waitFor({ timeout: WINDOW_MS });

    const outcomes: StepOutcome[] = [];
    for (const step of DEMO_STEPS) {
      const outcome = await runStep(extension.context, page, step, {
        password,
        screenshot: join(options.outDir, `approval-${step.step}.png`),
      });
      outcomes.push(outcome);
      options.log(`headless: ${step.step} step ${outcome.ok ? 'ok' : 'FAILED'}: ${outcome.detail}`);
    }
    // The session steps hand sigs to the page by design: the count shows the page does see them.
    options.log(`headless: ${await page.locator('#sigs-seen-total').innerText()}`);
    await page.screenshot({ path: join(options.outDir, 'demo-page.png'), fullPage: true });
    await screenshotPopup(extension, options.outDir, outcomes);
    return outcomes;
  } finally {
    await extension.close();
  }
}

/** The network setting (the devnet may run on other ports than the default) and an account. */
async function prepareExtension(extension: Extension, rpcUrl: string, password: string) {
  const options = await extension.context.newPage();
  await options.goto(extensionUrl(extension, OPTIONS_PAGE));
  const saved = await askWorker(options, {
    type: 'ui_setSettings',
    settings: { rpcUrl, defaultSessionMinutes: 24 * 60 },
  });
  if (!saved.ok || !('nodes' in saved.result.network)) {
    throw new Error(
      `the extension did not reach the devnet at ${rpcUrl}: ${JSON.stringify(saved)}`,
    );
  }
  // A user without a browser wallet: the extension's built-in account signs.
  await options.reload();
  await options.getByLabel('Password (at least 8 characters)').fill(password);
  await options.getByLabel('Confirm the password').fill(password);
  await options.getByRole('button', { name: 'Create account' }).click();
  await options
    .getByTestId('account-state')
    .getByText('Unlocked', { exact: true })
    .waitFor({ timeout: SCRYPT_MS });
  await options.close();
}

async function runStep(
  context: BrowserContext,
  page: Page,
  step: DemoStep,
  options: { password: string; screenshot: string },
): Promise<StepOutcome> {
  const section = page.locator(step.section);
  const button = page.locator(step.button);
  // What the step showed: on success the result, else wherever the error is.
  const text = async () => {
    const shown = await section.locator('pre.sigs, pre.node-result, pre.result').allInnerTexts();
    const last = shown.filter((t) => t.trim() !== '').at(-1) ?? '(nothing shown)';
    return last.replace(/\s*\n\s*/g, ' ');
  };
  try {
    await button.waitFor({ state: 'visible', timeout: WINDOW_MS });
    if (await button.isDisabled()) {
      return {
        step: step.step,
        ok: false,
        detail: `its button is disabled: ${await pkpInfo(page)}`,
      };
    }
    await button.click();
    const finished = page
      .locator(`${step.section}[data-state="ok"], ${step.section}[data-state="error"]`)
      .waitFor({ timeout: STEP_MS });
    // The extension answers at once when it cannot ask (an unknown method: 4200), else it asks
    // in its window, maybe twice (a session for the call, then the call's confirmation).
    const windows = await approveUntil(context, finished, options);
    await finished;
    const ok = (await section.getAttribute('data-state')) === 'ok';
    if (!step.brokered) return { step: step.step, ok, detail: await text() };
    const seen = await section.getAttribute('data-sigs-seen');
    return {
      step: step.step,
      ok: ok && seen === '0',
      detail: `${await text()} | windows approved: ${windows} | session sigs seen by the page: ${seen}`,
    };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { step: step.step, ok: false, detail: `${reason} (page: ${await text()})` };
  }
}

const pkpInfo = (page: Page) => page.locator('#pkp-info').innerText();

/** Approves each request the extension's window shows until `finished`; returns how many. */
async function approveUntil(
  context: BrowserContext,
  finished: Promise<void>,
  options: { password: string; screenshot: string },
): Promise<number> {
  for (let n = 0; ; n++) {
    const shown = approvalWindowWith(
      context,
      (w) => w.getByRole('button', { name: 'Approve' }),
      STEP_MS,
    );
    const approval = await Promise.race([finished.then(() => null), shown.page]).finally(
      shown.stop,
    );
    if (!approval) return n;
    if (n === MAX_WINDOWS_PER_STEP) throw new Error(`the extension asked more than ${n} times`);
    // The first window of a step keeps the plain name; later ones are numbered from 2.
    const screenshot =
      n === 0 ? options.screenshot : options.screenshot.replace(/\.png$/, `-${n + 1}.png`);
    await approve(approval, { password: options.password, screenshot });
  }
}

/**
 * Approves with the built-in account, after taking the window's picture, and waits until the
 * request leaves the screen (the window closes, or shows the next request in a new form).
 */
async function approve(approval: Page, options: { password: string; screenshot: string }) {
  const approveButton = approval.getByRole('button', { name: 'Approve' });
  await approveButton.waitFor({ timeout: WINDOW_MS });
  const builtin = approval.getByLabel(/The built-in account/);
  if ((await builtin.count()) === 1 && !(await builtin.isChecked())) await builtin.check();
  const password = approval.getByLabel('Password of the built-in account');
  if ((await password.count()) === 1) await password.fill(options.password);
  // The window's own size (the worker opens it 440 wide), not the browser's default viewport.
  await approval.setViewportSize({ width: 440, height: 680 });
  await approval.screenshot({ path: options.screenshot, fullPage: true });
  await decide(approval, approveButton, STEP_MS);
}

/**
 * The popup once it lists the sessions of the session steps (`popup.png`), then with every
 * session's activity list open once the brokered calls are in them (`activity.png`).
 */
async function screenshotPopup(extension: Extension, outDir: string, outcomes: StepOutcome[]) {
  const popup = await extension.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(extensionUrl(extension, POPUP_PAGE));
  const ok = (brokered: boolean) =>
    outcomes.filter(
      (o) => o.ok && DEMO_STEPS.some((s) => s.step === o.step && s.brokered === brokered),
    ).length;
  const sessions = ok(false);
  if (sessions > 0) {
    await popup
      .getByTestId('session')
      .nth(sessions - 1)
      .waitFor({ timeout: WINDOW_MS });
  }
  await popup.screenshot({ path: join(outDir, 'popup.png'), fullPage: true });

  for (const toggle of await popup.getByRole('button', { name: /^Activity/ }).all()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  // Each brokered step that worked made at least one call that used a session.
  const calls = ok(true);
  if (calls > 0) {
    await popup
      .getByRole('list', { name: 'Activity' })
      .getByRole('listitem')
      .filter({ hasText: /lit_\w+ · / })
      .nth(calls - 1)
      .waitFor({ timeout: WINDOW_MS });
  }
  await popup.screenshot({ path: join(outDir, 'activity.png'), fullPage: true });
  await popup.close();
}
