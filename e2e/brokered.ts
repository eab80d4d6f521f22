// Helpers for the brokered journeys (the extension signs, runs actions and decrypts; the page gets
// results, never sigs): the approval window's session form and confirmations, the popup's activity
// lists, a page that records every channel it can reach, and a devnet of a test's own.
import type { Locator, Page } from '@playwright/test';
import { userIs } from '../src/devnet/access-control.fixtures';
import type { Devnet } from '../src/devnet/network';
import { SIGNING_ACTION } from '../src/demo/lit-action';
import { sessionSecretsIn } from '../src/demo/public/sig-watch.js';
import { eip191Hash, recoverAddress } from '../src/protocol/ethereum';
import { toHex } from '../src/protocol/bytes';
import type { ResourceAbilityRequest } from '../src/extension/messages';
import { approvalWindowWith, decide, isApprovalWindow } from './approval-windows';
import { askWorker, expect, litRequest, type Extension } from './fixtures';
import { startDevnetFor, type DevnetShape } from './harness';
import { mintPkp, openExtensionPage, openPopup, type SessionSigs } from './sessions';
import { installTestWallet } from './test-wallet';

export const CONFIRM_PKP_SIGN = 'Confirm a PKP signature';
export const CONFIRM_LIT_ACTION = 'Confirm a Lit Action run';

const WINDOW_MS = 15_000;

/** The approval window showing `target` (open already or opening); fails after 15 s. */
export async function windowShowing(
  extension: Extension,
  target: (window: Page) => Locator,
): Promise<Page> {
  const shown = approvalWindowWith(extension.context, target, WINDOW_MS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('no approval window showed what was expected')),
      WINDOW_MS,
    );
  });
  try {
    return await Promise.race([shown.page, late]);
  } finally {
    clearTimeout(timer);
    shown.stop();
  }
}

/** The window showing the confirmation whose heading is `heading`. */
export function confirmationWindow(extension: Extension, heading: string): Promise<Page> {
  return windowShowing(extension, (w) => w.getByRole('heading', { name: heading }));
}

/** Answers the confirmation `heading` (Approve or Deny); returns its window. */
export async function confirm(
  extension: Extension,
  heading: string,
  approve: boolean,
): Promise<Page> {
  const window = await confirmationWindow(extension, heading);
  await decide(
    window,
    window.getByRole('button', { name: approve ? 'Approve' : 'Deny' }),
    WINDOW_MS,
  );
  return window;
}

export interface SessionChoices {
  /** The window must say the session is for this method ("Needed for …"). */
  forMethod?: string;
  /** Pick the page's wallet explicitly (when the built-in account is offered too). */
  pageWallet?: boolean;
  pkpSigning?: 'confirm' | 'allow';
  capacityCredit?: { tokenId: string; uses: number };
  password?: string;
}

/** Approves the session request the window shows, with the choices given. */
export async function approveSessionRequest(
  extension: Extension,
  choices: SessionChoices = {},
): Promise<Page> {
  const window = await sessionRequestWindow(extension);
  if (choices.forMethod) {
    await expect(window.getByText(`Needed for ${choices.forMethod}`)).toBeVisible();
  }
  if (choices.pageWallet) await window.getByLabel(/The site's wallet/).check();
  if (choices.pkpSigning && !choices.forMethod) {
    // A session whose sigs the page gets: the window says the site signs without asking.
    expect(choices.pkpSigning).toBe('allow');
    await expect(window.getByTestId('pkp-signing-by-site')).toBeVisible();
    await expect(window.getByRole('radiogroup', { name: 'PKP signatures' })).toHaveCount(0);
  } else if (choices.pkpSigning) {
    const group = window.getByRole('radiogroup', { name: 'PKP signatures' });
    // Confirming each signature is what the window proposes.
    await expect(group.getByLabel('Confirm each signature')).toBeChecked();
    await group
      .getByLabel(
        choices.pkpSigning === 'allow' ? 'Allow for this session' : 'Confirm each signature',
      )
      .check();
  }
  if (choices.capacityCredit) {
    await window.getByLabel('Attach a capacity credit').check();
    await window
      .getByLabel('Capacity credit', { exact: true })
      .selectOption(choices.capacityCredit.tokenId);
    const uses = window.getByLabel('Uses');
    await expect(uses).toHaveValue('10');
    await uses.fill(String(choices.capacityCredit.uses));
  }
  if (choices.password) {
    await window.getByLabel('Password of the built-in account').fill(choices.password);
  }
  await decide(window, window.getByRole('button', { name: 'Approve' }), WINDOW_MS);
  return window;
}

/**
 * The usual start of a brokered test: the page's test wallet, a PKP it may use, the demo page,
 * and one session of its origin for `resources`, PKP signatures allowed, approved at once.
 * Returns the wallet, the PKP and the sigs `lit_getSessionSigs` handed out for the session.
 */
export async function startWithAllowedSession(
  page: Page,
  extension: Extension,
  devnet: Devnet,
  demoUrl: string,
  resources: ResourceAbilityRequest[] = ALL_BROKERED,
) {
  const wallet = await installTestWallet(page);
  const pkp = await mintPkp(devnet, { permittedAddresses: [wallet.address] });
  await page.goto(demoUrl);
  const asking = litRequest(page, {
    method: 'lit_getSessionSigs',
    params: { resourceAbilityRequests: resources },
  });
  await approveSessionRequest(extension, { pkpSigning: 'allow' });
  const { result, error } = await asking;
  expect(error).toBeUndefined();
  return { wallet, pkp, sigs: result as SessionSigs };
}

/** Counts the approval windows that open until `stop()` (a call that must not ask anyone). */
export function watchApprovalWindows(extension: Extension): { opened: string[]; stop(): void } {
  const opened: string[] = [];
  const count = (p: Page) => {
    if (isApprovalWindow(p)) opened.push(p.url());
  };
  extension.context.on('page', count);
  return { opened, stop: () => extension.context.off('page', count) };
}

/** The window showing a session request (its capabilities). */
export function sessionRequestWindow(extension: Extension): Promise<Page> {
  return windowShowing(extension, (w) => w.getByTestId('capabilities'));
}

/** Denies the session request the window shows; it must say it is for `forMethod`. */
export async function denySessionRequest(extension: Extension, forMethod: string): Promise<void> {
  const window = await sessionRequestWindow(extension);
  await expect(window.getByText(`Needed for ${forMethod}`)).toBeVisible();
  await decide(window, window.getByRole('button', { name: 'Deny' }), WINDOW_MS);
}

/** Every resource kind a brokered call needs, as wildcards. */
export const ALL_BROKERED: ResourceAbilityRequest[] = [
  { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
  {
    resource: { resource: '*', resourcePrefix: 'lit-litaction' },
    ability: 'lit-action-execution',
  },
  {
    resource: { resource: '*', resourcePrefix: 'lit-accesscontrolcondition' },
    ability: 'access-control-condition-decryption',
  },
  {
    resource: { resource: '*', resourcePrefix: 'lit-accesscontrolcondition' },
    ability: 'access-control-condition-signing',
  },
];

/** A message and the params of `lit_pkpSign` that sign its EIP-191 hash with `pkpPublicKey`. */
export function pkpSignParams(pkpPublicKey: string, message = `sign me ${crypto.randomUUID()}`) {
  return {
    message,
    params: { pubKey: pkpPublicKey, toSign: `0x${toHex(eip191Hash(message))}`, message },
  };
}

/** `lit_executeJs` of the demo's signing action: `Lit.Actions.signEcdsa` with the PKP. */
export function signingActionParams(pkpPublicKey: string, message = 'signed in an action') {
  const digest = eip191Hash(message);
  return {
    digest,
    params: {
      code: SIGNING_ACTION.code,
      jsParams: { toSign: Array.from(digest), publicKey: pkpPublicKey },
    },
  };
}

/** The signer of the signing action's signature in a `lit_executeJs` result. */
export function actionSigner(result: unknown, digest: Uint8Array): string {
  const { signatures } = result as { signatures: Record<string, { signature: string }> };
  const signed = signatures[SIGNING_ACTION.sigName];
  expect(signed, 'the action signed').toBeDefined();
  return recoverAddress(digest, signed!.signature);
}

/** `lit_encrypt` / `lit_decrypt` params for a note only `address` may decrypt. */
export const onlyFor = (address: string) => ({ accessControlConditions: [userIs(address)] });

/** Encrypts `note` for `address` from `page`; returns the `lit_decrypt` params for it. */
export async function encryptFor(page: Page, address: string, note: string) {
  const { result, error } = await litRequest(page, {
    method: 'lit_encrypt',
    params: { ...onlyFor(address), data: note },
  });
  expect(error).toBeUndefined();
  const sealed = result as { ciphertext: string; dataToEncryptHash: string };
  return { ...onlyFor(address), ...sealed, chain: 'ethereum' };
}

/** The popup's activity items (every session's list opened), newest first per session. */
export async function activityItems(popup: Page): Promise<string[]> {
  for (const toggle of await popup.getByRole('button', { name: /^Activity/ }).all()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  return popup
    .getByRole('list', { name: 'Activity' })
    .getByRole('listitem')
    .filter({ hasText: /lit_\w+ · / })
    .allInnerTexts();
}

/** Waits until the popup's activity lists hold an item matching each pattern. */
export async function expectActivity(extension: Extension, patterns: RegExp[]): Promise<string[]> {
  const popup = await openPopup(extension);
  let items: string[] = [];
  await expect
    .poll(async () => {
      items = await activityItems(popup);
      return patterns.every((p) => items.some((item) => p.test(item)));
    })
    .toBe(true);
  await popup.close();
  return items;
}

/**
 * Records, from before the page's first script, everything on the channels a page reaches: every
 * window message (whoever posted it), every DOM change (added nodes, text, attributes), and,
 * once `listenToProvider` ran, every `window.lit` event. A private CryptoKey is kept as a
 * `secretKey` marker (it cannot leave the page as JSON).
 */
export async function recordChannels(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __heard: { channel: string; value: unknown }[] };
    w.__heard = [];
    const keep = (channel: string, value: unknown) => {
      const json = JSON.stringify(value, (_, v: unknown) =>
        v instanceof CryptoKey ? { secretKey: `<${v.type} CryptoKey>` } : v,
      );
      w.__heard.push({ channel, value: json === undefined ? null : JSON.parse(json) });
    };
    window.addEventListener('message', (e) => keep('window message', e.data), true);
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') keep('DOM text', (r.target as CharacterData).data);
        else if (r.type === 'attributes') {
          keep('DOM attribute', (r.target as Element).getAttribute(r.attributeName!));
        } else for (const n of r.addedNodes) keep('DOM node', n.textContent);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

/** Adds the provider's events (every event it has) to what `recordChannels` keeps. */
export async function listenToProvider(page: Page, events: readonly string[]): Promise<void> {
  await page.evaluate((names) => {
    const w = window as unknown as {
      __heard: { channel: string; value: unknown }[];
      lit: { on: (n: string, f: (d: unknown) => void) => void };
    };
    for (const name of names) {
      w.lit.on(name, (data) =>
        w.__heard.push({ channel: `lit event ${name}`, value: JSON.parse(JSON.stringify(data)) }),
      );
    }
  }, events);
}

/** What the page recorded so far, and what of it parses as a session sig or key, by channel. */
export async function heardSecrets(
  page: Page,
): Promise<{ heard: number; secrets: { channel: string; found: string[] }[] }> {
  const heard = await page.evaluate(
    () => (window as unknown as { __heard: { channel: string; value: unknown }[] }).__heard,
  );
  const secrets = heard
    .map(({ channel, value }) => ({ channel, found: sessionSecretsIn(value) }))
    .filter((s) => s.found.length > 0);
  return { heard: heard.length, secrets };
}

/** Clears what the page recorded. */
export async function forgetHeard(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __heard: unknown[] }).__heard.length = 0;
  });
}

/**
 * Runs `fn` with a devnet of its own (e.g. `--rate-limit`) that the extension points at, then
 * points the extension back at the file's shared devnet.
 */
export async function withOwnDevnet(
  extension: Extension,
  shared: Devnet,
  shape: DevnetShape,
  fn: (devnet: Devnet) => Promise<void>,
): Promise<void> {
  const own = await startDevnetFor(extension, shape);
  try {
    await fn(own.devnet);
  } finally {
    await own.stop();
    const page = await openExtensionPage(extension);
    const saved = await askWorker(page, {
      type: 'ui_setSettings',
      settings: { rpcUrl: shared.rpcUrl, defaultSessionMinutes: 24 * 60 },
    });
    await page.close();
    expect(saved.ok && 'nodes' in saved.result.network, JSON.stringify(saved)).toBe(true);
  }
}

/** Creates the built-in account in the options page (scrypt: seconds); returns its address. */
export async function createBuiltinAccount(extension: Extension, password: string) {
  const options = await openExtensionPage(extension);
  await options.getByLabel('Password (at least 8 characters)').fill(password);
  await options.getByLabel('Confirm the password').fill(password);
  await options.getByRole('button', { name: 'Create account' }).click();
  await expect(options.getByTestId('account-state')).toHaveText('Unlocked', { timeout: 30_000 });
  const address = (await options.getByTestId('account-address').textContent())!;
  await options.close();
  return address;
}

/** Mints a capacity credit in the options page (devnet); returns its token id. */
export async function mintCreditInOptions(extension: Extension): Promise<string> {
  const options = await openExtensionPage(extension);
  const section = options.getByRole('region', { name: 'Capacity credits' });
  await expect(section.getByLabel('Requests per kilosecond')).toHaveValue('100');
  await expect(section.getByLabel('Days')).toHaveValue('30');
  await section.getByRole('button', { name: 'Mint a capacity credit' }).click();
  const credit = section.getByText(/^Credit #\d+: 100 requests per kilosecond, until /);
  await expect(credit).toHaveCount(1);
  const tokenId = /^Credit #(\d+):/.exec((await credit.textContent())!)![1]!;
  await options.close();
  return tokenId;
}
