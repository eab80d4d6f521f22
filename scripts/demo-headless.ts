// `npm start -- --headless`: the demo's steps, run by a script in headless Chromium with the
// built extension, as a user would: create the built-in account in the options page, click each
// step on the demo page, approve in the extension's window. It writes the pictures the README
// shows and says, one line per step, what worked.
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

/** The demo page's steps, in order: the PKP kinds need the wallet step's PKP. */
export const DEMO_STEPS = [
  { step: 'wallet', section: '#step-wallet', button: '#get-sigs' },
  { step: 'pkp', section: '#step-pkp', button: '#get-pkp-sigs' },
  { step: 'lit-action', section: '#step-lit-action', button: '#get-action-sigs' },
] as const;

// The keystore's scrypt takes seconds on a busy machine; nodes answer within the client's 30 s.
const SCRYPT_MS = 60_000;
const STEP_MS = 90_000;
const WINDOW_MS = 15_000;

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
    await page.screenshot({ path: join(options.outDir, 'demo-page.png'), fullPage: true });
    await screenshotPopup(extension, join(options.outDir, 'popup.png'), outcomes);
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
  step: (typeof DEMO_STEPS)[number],
  options: { password: string; screenshot: string },
): Promise<StepOutcome> {
  const section = page.locator(step.section);
  const button = page.locator(step.button);
  // What the step showed: on success the node request's verdict, else wherever the error is.
  const text = async () => {
    const shown = await section.locator('pre.sigs, pre.node-result').allInnerTexts();
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
    const opened = context
      .waitForEvent('page', {
        predicate: (p) => p.url().includes('/ui/approve/'),
        timeout: WINDOW_MS,
      })
      .catch(() => null);
    await button.click();
    const finished = page.locator(
      `${step.section}[data-state="ok"], ${step.section}[data-state="error"]`,
    );
    // The extension answers at once when it cannot ask (an unknown method: 4200).
    const answeredAtOnce = finished.waitFor({ timeout: WINDOW_MS }).then(
      () => null,
      () => new Promise<never>(() => undefined),
    );
    const approval = await Promise.race([opened, answeredAtOnce]);
    if (approval) await approve(approval, options);
    else if ((await section.getAttribute('data-state')) === 'working') {
      return { step: step.step, ok: false, detail: 'no approval window opened' };
    }
    await finished.waitFor({ timeout: STEP_MS });
    const ok = (await section.getAttribute('data-state')) === 'ok';
    return { step: step.step, ok, detail: await text() };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { step: step.step, ok: false, detail: `${reason} (page: ${await text()})` };
  }
}

const pkpInfo = (page: Page) => page.locator('#pkp-info').innerText();

/** Approves with the built-in account, after taking the window's picture. */
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
  await approveButton.click();
}

/** The popup, once it lists a session for every step that got sigs. */
async function screenshotPopup(extension: Extension, path: string, outcomes: StepOutcome[]) {
  const popup = await extension.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(extensionUrl(extension, POPUP_PAGE));
  const expected = outcomes.filter((o) => o.ok).length;
  if (expected > 0) {
    await popup
      .getByTestId('session')
      .nth(expected - 1)
      .waitFor({ timeout: WINDOW_MS });
  }
  await popup.screenshot({ path, fullPage: true });
  await popup.close();
}
