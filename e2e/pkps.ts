// Helpers for the PKP and Lit Action journeys: a PKP created in the options page (as a user
// would), and requests for PKP sessions that open the approval window.
import type { Page } from '@playwright/test';
import { pkpTokenIdFromPublicKey } from '../src/protocol/resources';
import { expect, litRequest, type Extension } from './fixtures';
import { nextApprovalWindow, openExtensionPage, type DevnetPkp } from './sessions';

/** Creates a PKP in the options page for the built-in account or for `address`; returns it. */
export async function createPkpInOptions(
  extension: Extension,
  controller: 'builtin' | string,
): Promise<DevnetPkp> {
  const options = await openExtensionPage(extension);
  const section = options.getByRole('region', { name: 'PKPs' });
  await expect(section.getByRole('button', { name: 'Create PKP' })).toBeVisible();
  if (controller === 'builtin') {
    await section.getByLabel(/For the built-in account/).check();
  } else {
    await section.getByLabel(/For another wallet/).check();
    await section.getByLabel('Wallet address').fill(controller);
  }
  await section.getByRole('button', { name: 'Create PKP' }).click();
  await expect(section.getByTestId('pkp-message')).toHaveText(/^Created PKP 0x[0-9a-fA-F]{40}\.$/);
  const ethAddress = (await section.getByTestId('pkp-message').textContent())!.slice(12, 54);
  const entry = section.getByTestId('pkp').filter({ hasText: ethAddress });
  await expect(entry).toHaveCount(1);
  const publicKey = await entry.getByTestId('pkp-public-key').inputValue();
  await options.close();
  expect(publicKey).toMatch(/^0x04[0-9a-f]{128}$/);
  return { publicKey, ethAddress, tokenId: pkpTokenIdFromPublicKey(publicKey) };
}

export type PkpMethod = 'lit_getPkpSessionSigs' | 'lit_getLitActionSessionSigs';

/** Asks for PKP session sigs from `page`; returns the approval window and the pending answer. */
export async function requestPkpSession(
  page: Page,
  extension: Extension,
  method: PkpMethod,
  params: object,
) {
  const opened = nextApprovalWindow(extension);
  const answer = litRequest(page, { method, params });
  const approval = await opened;
  await expect(approval.getByTestId('pkp-details')).toBeVisible();
  return { approval, answer };
}

/** Lit Actions as the devnet's sandbox runs them (Lit's `Lit.Actions` API). */
export const actions = {
  allow: `(async () => { console.log("checking", user); Lit.Actions.setResponse({ response: "true" }); })();`,
  deny: `(async () => { console.log("refusing", user); Lit.Actions.setResponse({ response: "false" }); })();`,
  loop: `(async () => { console.log("looping"); for (;;) {} })();`,
};
