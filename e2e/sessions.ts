// Helpers for the session journeys: the approval window, the popup, the nodes' verdict on sigs.
import type { Page } from '@playwright/test';
import type { Devnet } from '../src/devnet/network';
import { recoverAddress } from '../src/protocol/ethereum';
import { combineEcdsaShares } from '../src/protocol/pkp-signature';
import type { ResourceAbilityRequest, SessionSigJson } from '../src/extension/messages';
import {
  OPTIONS_PAGE,
  POPUP_PAGE,
  askWorker,
  expect,
  extensionUrl,
  litRequest,
  test,
  type Extension,
} from './fixtures';

export type SessionSigs = Record<string, SessionSigJson>;

export const pkpSigningAny: ResourceAbilityRequest = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' },
  ability: 'pkp-signing',
};

export interface NodeVerdict {
  url: string;
  ok: boolean;
  errorCode?: string;
}

export interface DevnetPkp {
  publicKey: string;
  ethAddress: string;
  tokenId: string;
}

/** Mints a PKP through the devnet's admin API (as a test's own tooling, not the extension). */
export async function mintPkp(devnet: Devnet, body: object): Promise<DevnetPkp> {
  const response = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as DevnetPkp;
}

const pkpsByAddress = new Map<string, Promise<DevnetPkp>>();

/** A PKP that permits `address` (minted once per address through the devnet's admin API). */
function pkpPermitting(devnet: Devnet, address: string) {
  let pkp = pkpsByAddress.get(address);
  if (!pkp) {
    pkp = mintPkp(devnet, { permittedAddresses: [address] });
    pkpsByAddress.set(address, pkp);
  }
  return pkp;
}

/**
 * What every devnet node says about `sigs`: the ONE place the e2e suites ask the nodes. A real
 * PKP signing request in Lit's wire format (`POST /web/pkp/sign/v1`, one X-Request-Id to every
 * node) with a PKP that permits the session's wallet or, for a PKP session (whose capability's
 * address is the PKP's own), with the session's PKP, given as `sessionPkp`; when every node
 * accepts, the signing set's shares must also combine into a signature that recovers to the
 * PKP's address.
 */
export async function askNodes(
  devnet: Devnet,
  sigs: SessionSigs,
  sessionPkp?: { publicKey: string; ethAddress: string },
): Promise<NodeVerdict[]> {
  const first = Object.values(sigs)[0];
  if (!first) return devnet.nodeUrls.map((url) => ({ url, ok: false, errorCode: 'no sigs' }));
  const { capabilities } = JSON.parse(first.signedMessage) as {
    capabilities: { address: string; derivedVia: string }[];
  };
  const capability = capabilities[0]!;
  if (capability.derivedVia === 'lit.bls') {
    // The nodes signed for a PKP: only that PKP's own signing tests these sigs.
    if (sessionPkp?.ethAddress !== capability.address) {
      throw new Error(`askNodes: the sigs are a session of PKP ${capability.address}: pass it`);
    }
  }
  const pkp = sessionPkp ?? (await pkpPermitting(devnet, capability.address));
  const toSign = crypto.getRandomValues(new Uint8Array(32));
  const requestId = `lit_e2e_${Date.now()}_${Math.random().toString(16).slice(2)}`;
  const answers = await Promise.all(
    devnet.nodeUrls.map(async (url) => {
      const authSig = sigs[url];
      if (!authSig) return { url, ok: false, errorCode: 'no sig for this node' };
      const response = await fetch(`${url}/web/pkp/sign/v1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({
          toSign: Array.from(toSign),
          pubkey: pkp.publicKey,
          authSig,
          epoch: 1,
        }),
      });
      const body = (await response.json()) as {
        success?: boolean;
        errorCode?: string;
        signatureShare?: { signature_share: string; big_r: string };
      };
      return response.ok && body.success === true
        ? { url, ok: true, share: body.signatureShare }
        : { url, ok: false, errorCode: body.errorCode ?? `HTTP ${response.status}` };
    }),
  );
  if (answers.every((a) => a.ok)) {
    const signed = answers.flatMap((a) =>
      a.share && a.share.signature_share !== '' ? [a.share] : [],
    );
    const unquote = (v: string) => v.replaceAll('"', '');
    const signature = combineEcdsaShares({
      shares: signed.map((share) => unquote(share.signature_share)),
      bigR: unquote(signed[0]!.big_r),
      toSign,
      publicKey: pkp.publicKey,
    });
    expect(recoverAddress(toSign, signature.signature)).toBe(pkp.ethAddress);
  }
  return answers.map((a) =>
    a.ok ? { url: a.url, ok: true } : { url: a.url, ok: false, errorCode: a.errorCode },
  );
}

export async function expectNodesAccept(
  devnet: Devnet,
  sigs: SessionSigs,
  sessionPkp?: { publicKey: string; ethAddress: string },
): Promise<void> {
  expect(await askNodes(devnet, sigs, sessionPkp)).toEqual(
    devnet.nodeUrls.map((url) => ({ url, ok: true })),
  );
}

export async function expectNodesReject(
  devnet: Devnet,
  sigs: SessionSigs,
  errorCode: string,
  sessionPkp?: { publicKey: string; ethAddress: string },
): Promise<void> {
  expect(await askNodes(devnet, sigs, sessionPkp)).toEqual(
    devnet.nodeUrls.map((url) => ({ url, ok: false, errorCode })),
  );
}

/** The next approval window the worker opens. */
export function nextApprovalWindow(extension: Extension): Promise<Page> {
  return extension.context.waitForEvent('page', {
    predicate: (p) => p.url().includes('/ui/approve/'),
  });
}

/** Approves the request the window shows, with the signer already chosen (or the built-in one). */
export async function approveIn(
  approval: Page,
  options: { builtin?: boolean; password?: string } = {},
): Promise<void> {
  await expect(approval.getByTestId('capabilities')).toBeVisible();
  if (options.builtin) await approval.getByLabel(/The built-in account/).check();
  if (options.password)
    await approval.getByLabel('Password of the built-in account').fill(options.password);
  await approval.getByRole('button', { name: 'Approve' }).click();
}

/** A page of the extension (options by default), for internal messages. */
export async function openExtensionPage(extension: Extension, path = OPTIONS_PAGE): Promise<Page> {
  const page = await extension.context.newPage();
  await page.goto(extensionUrl(extension, path));
  return page;
}

export function openPopup(extension: Extension): Promise<Page> {
  return openExtensionPage(extension, POPUP_PAGE);
}

/** No sessions, no built-in account: each journey starts from a clean extension. */
export async function resetExtension(extension: Extension): Promise<void> {
  const page = await openExtensionPage(extension);
  await askWorker(page, { type: 'ui_revokeAll' });
  await askWorker(page, { type: 'ui_deleteAccount' });
  await page.close();
}

/** Every key in the extension's IndexedDB vault, read from an extension page. */
export async function vaultEntries(
  extension: Extension,
): Promise<{ publicKey: string; origin: string; extractable: boolean }[]> {
  const page = await openExtensionPage(extension);
  const entries = await page.evaluate(
    () =>
      new Promise<{ publicKey: string; origin: string; extractable: boolean }[]>(
        (resolve, reject) => {
          const open = indexedDB.open('lit-companion-keys');
          // Reading must not create the database (the worker creates it, with its store).
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onerror = () =>
            open.error?.name === 'AbortError' ? resolve([]) : reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('sessionKeys')) return resolve([]);
            const all = db.transaction('sessionKeys').objectStore('sessionKeys').getAll();
            all.onsuccess = () =>
              resolve(
                (all.result as { publicKey: string; origin: string; keyPair: CryptoKeyPair }[]).map(
                  (e) => ({
                    publicKey: e.publicKey,
                    origin: e.origin,
                    extractable: e.keyPair.privateKey.extractable,
                  }),
                ),
              );
            all.onerror = () => reject(all.error);
          };
        },
      ),
  );
  await page.close();
  return entries;
}

/** Starts collecting the provider's events in the page. */
export async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __events: { name: string; data: unknown }[];
      lit: { on: (n: string, f: (d: unknown) => void) => void };
    };
    w.__events = [];
    for (const name of ['sessionsChanged', 'disconnect']) {
      w.lit.on(name, (data) => w.__events.push({ name, data }));
    }
  });
}

export function recordedEvents(page: Page): Promise<{ name: string; data: unknown }[]> {
  return page.evaluate(
    () => (window as unknown as { __events: { name: string; data: unknown }[] }).__events,
  );
}

/** Each test of the file starts with the devnet up and a clean extension. */
export function startEachTestClean(): void {
  test.beforeEach(async ({ extension, devnet }) => {
    expect(devnet.nodeUrls).toHaveLength(3);
    await resetExtension(extension);
  });
}

/**
 * Closes the failure the approval window shows; with nothing else waiting the window then closes
 * itself, which can happen while the click is still being reported: that is the outcome wanted.
 */
export async function closeFailure(approval: Page): Promise<void> {
  const closed = approval.waitForEvent('close');
  await approval
    .getByRole('button', { name: 'Close' })
    .click()
    .catch((e: unknown) => {
      if (!approval.isClosed()) throw e;
    });
  await closed;
}

/** Asks for sigs from `page`; returns the approval window that opened and the pending answer. */
export async function requestNeedingApproval(
  page: Page,
  extension: Extension,
  params: object = { resourceAbilityRequests: [pkpSigningAny] },
) {
  const opened = nextApprovalWindow(extension);
  const answer = litRequest(page, { method: 'lit_getSessionSigs', params });
  const approval = await opened;
  await expect(approval.getByTestId('capabilities')).toBeVisible();
  return { approval, answer };
}

/** Asks for sigs from `page` and approves in the window that opens; returns the sigs. */
export async function approveSession(
  page: Page,
  extension: Extension,
  params?: object,
): Promise<SessionSigs> {
  const { approval, answer } = await requestNeedingApproval(page, extension, params);
  await approveIn(approval);
  const { result, error } = await answer;
  expect(error).toBeUndefined();
  return result as SessionSigs;
}
