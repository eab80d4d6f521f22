// Brokered calls with the browser faked below the worker and three fake nodes with real
// cryptography (test-nodes.ts): the covering session of any kind, or a new wallet session asked
// for the call; confirmations in the approval queue; per-call sigs for exactly the one resource,
// living at most a minute; results as Lit's SDK gives them; node refusals as EIP-1193 errors;
// the activity list per session.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { utils } from 'ethers';
import { Wallet } from 'ethers';
import { toHex } from '../../protocol/bytes';
import { eip191Hash, privateKeySigner, recoverAddress } from '../../protocol/ethereum';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import { verifyJwt } from '../../client/jwt';
import {
  MAX_ACTIVITY_PER_SESSION,
  type ActivityEntry,
  type ProviderMethod,
  type ProviderParams,
  type ProviderResults,
  type WalletRequest,
} from '../messages';
import type { PageChannel } from './page-channel';
import { PENDING_STORAGE_KEY } from '../storage-keys';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser, EXTENSION_ID, EXTENSION_ORIGIN, createdWindows, closeWindow } =
  await import('./test-browser');
const nodes = await import('./test-nodes');
const { NODES, pkpPublicKey, pkpAddress, pkpTokenId, nodeLog, nodeState } = nodes;
const { providerHandlers } = await import('./handlers');
const { handleInternalMessage } = await import('./internal-messages');
const { decide, approvalWindowClosed } = await import('./approvals');
const { listPending } = await import('./pending-approvals');
const { allSessions, sessionStore } = await import('./session-store');
const { handleRevokeSession } = await import('./handlers/lit_revokeSession');
const { activityOf, appendActivity } = await import('./activity-log');

const wallet = privateKeySigner(new Uint8Array(32).fill(7));
const walletAddress = await wallet.getAddress();
const otherAddress = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4';
const window_ = {
  id: EXTENSION_ID,
  url: `${EXTENSION_ORIGIN}/src/extension/ui/approval/index.html`,
};

function fakePage(wallets = true): PageChannel {
  return {
    open: true,
    onClose: () => () => undefined,
    askWallet: async (request: WalletRequest) => {
      if (request.action === 'listWallets') {
        return (
          wallets ? [{ id: 'w1', name: 'Test Wallet', accounts: [walletAddress] }] : []
        ) as never;
      }
      if (request.action === 'requestAccounts') return [walletAddress] as never;
      return (await wallet.signMessage(request.message)) as never;
    },
  };
}

let tabId = 1;
const context = (origin: string, wallets = true) => ({
  origin,
  tabId: tabId++,
  page: fakePage(wallets),
});
let requestNo = 0;
/** Calls a provider method as the router would (params already valid). */
function call<M extends ProviderMethod>(
  method: M,
  params: ProviderParams<M>,
  ctx: ReturnType<typeof context>,
): Promise<ProviderResults[M]> {
  const handler = providerHandlers[method] as unknown as (
    p: ProviderParams<M>,
    c: ReturnType<typeof context>,
    r: string,
  ) => Promise<ProviderResults[M]>;
  return handler(params, ctx, `req-${++requestNo}`);
}

async function internal(message: Record<string, unknown>) {
  return handleInternalMessage(message, window_);
}

async function nextWaiting() {
  await vi.waitFor(async () =>
    expect((await listPending()).some((p) => p.state === 'waiting')).toBe(true),
  );
  const answer = (await internal({ type: 'ui_getPending' })) as unknown as {
    ok: true;
    result: {
      pending: { id: string; purpose: string; forMethod: string | null; confirmation: never }[];
    };
  };
  return answer.result.pending[0]!;
}

/** Approves the next session request as the window would, with the page's wallet. */
async function approveSession(extra: Record<string, unknown> = {}) {
  const view = await nextWaiting();
  expect(view.purpose).toBe('session');
  expect(
    await decide(view.id, {
      approve: true,
      walletSource: 'page',
      walletId: 'w1',
      expiration: new Date(Date.now() + 3600_000).toISOString(),
      ...extra,
    } as never),
  ).toEqual({ outcome: 'approved' });
  return view;
}

async function confirmNext(approve: boolean) {
  const view = await nextWaiting();
  expect(await internal({ type: 'ui_confirm', pendingId: view.id, approve })).toEqual({
    ok: true,
    result: { outcome: approve ? 'approved' : 'denied' },
  });
  return view;
}

async function activity(sessionId: string): Promise<ActivityEntry[]> {
  const answer = (await internal({ type: 'ui_getActivity', sessionId })) as {
    ok: true;
    result: { entries: ActivityEntry[] };
  };
  return answer.result.entries;
}

async function sessionOf(origin: string) {
  const [s] = (await allSessions()).filter((r) => r.origin === origin);
  return s!;
}

/** A first signature of an origin: a session approved for it and the signature confirmed. */
async function firstSignature(ctx: ReturnType<typeof context>, text: string) {
  const first = call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf(text) }, ctx);
  await approveSession();
  await confirmNext(true);
  await first;
  return sessionOf(ctx.origin);
}

/** As if the user had chosen "Allow for this session" at approval. */
function allowSignatures(sessionId: string) {
  sessionStore.setState((s) => ({
    sessions: s.sessions.map((r) =>
      r.id === sessionId ? { ...r, pkpSigning: 'allow' as const } : r,
    ),
  }));
}

/** An unsigned EIP-155 transfer of 1 ETH. */
const unsignedTx = utils.serializeTransaction({
  to: otherAddress,
  nonce: 7,
  gasLimit: 21000,
  gasPrice: 5,
  value: 10n ** 18n,
  chainId: 1,
});

const digestOf = (text: string) => `0x${toHex(eip191Hash(text))}`;
const userIs = (address: string) => [
  {
    contractAddress: '',
    chain: 'ethereum',
    standardContractType: '',
    method: '',
    parameters: [':userAddress'],
    returnValueTest: { comparator: '=', value: address },
  },
];

beforeEach(async () => {
  fakeBrowser.storage.session.data.clear();
  await fakeBrowser.storage.session.set({ 'lit-companion:network': nodes.storedNetwork() });
  nodeState.override = null;
  nodeLog.length = 0;
  vi.stubGlobal('fetch', nodes.fakeNodesFetch);
});
afterEach(() => vi.unstubAllGlobals());

describe('lit_pkpSign', () => {
  it('asks for a wallet session for the call, confirms the signature, and signs with sigs for that PKP only', async () => {
    const origin = 'https://sign.example';
    const message = 'Hello from the dApp';
    // Every pending list written: the window closes when it finds nothing open in it.
    const written: { state: string }[][] = [];
    const record = (changes: Record<string, { newValue?: unknown }>) => {
      const list = changes[PENDING_STORAGE_KEY]?.newValue;
      if (Array.isArray(list)) written.push(list as { state: string }[]);
    };
    fakeBrowser.storage.onChanged.addListener(record);
    const signing = call(
      'lit_pkpSign',
      { pubKey: pkpPublicKey, toSign: digestOf(message), message },
      context(origin),
    );
    const asked = await approveSession();
    expect(asked.forMethod).toBe('lit_pkpSign');
    const session = await sessionOf(origin);
    expect(session.capabilities).toEqual([
      { resource: `lit-pkp://${pkpTokenId}`, ability: 'pkp-signing' },
    ]);

    // A session made just now for this call still confirms the signature.
    const confirmation = await confirmNext(true);
    expect(confirmation).toMatchObject({
      purpose: 'confirm-pkp-sign',
      confirmation: {
        purpose: 'confirm-pkp-sign',
        sessionId: session.id,
        pkp: { publicKey: pkpPublicKey, tokenId: pkpTokenId, address: pkpAddress },
        digest: digestOf(message),
        message,
        transaction: null,
      },
    });
    const signature = await signing;
    expect(recoverAddress(eip191Hash(message), signature.signature)).toBe(pkpAddress);
    expect(signature.dataSigned).toBe(digestOf(message).slice(2));
    // The confirmation was queued in the write that settled the session: from the request to
    // the confirmation's answer, every list the window could read had an open request.
    fakeBrowser.storage.onChanged.removeListener(record);
    const open = written.map(
      (list) => list.filter((p) => p.state === 'waiting' || p.state === 'authorizing').length,
    );
    const answered = open.indexOf(0);
    expect(answered).toBeGreaterThan(1);
    expect(open.slice(0, answered).every((n) => n > 0)).toBe(true);
    expect(open.slice(answered).every((n) => n === 0)).toBe(true);

    // The nodes got sigs for exactly lit-pkp://<token id>, living a minute at most.
    const asks = nodeLog.filter((n) => n.path === '/web/pkp/sign/v1');
    expect(asks.length).toBeGreaterThanOrEqual(2);
    for (const ask of asks) {
      const signed = JSON.parse((ask.body.authSig as { signedMessage: string }).signedMessage) as {
        resourceAbilityRequests: unknown[];
        issuedAt: string;
        expiration: string;
      };
      expect(signed.resourceAbilityRequests).toEqual([
        { resource: { resource: pkpTokenId, resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      ]);
      expect(Date.parse(signed.expiration) - Date.parse(signed.issuedAt)).toBeLessThanOrEqual(
        60_000,
      );
    }
    const [entry] = await activity(session.id);
    expect(entry).toMatchObject({ method: 'lit_pkpSign', result: 'ok' });
    expect(entry!.nodes).toHaveLength(2);
    expect(await listPending()).toEqual([]);
  });

  it('a denied confirmation is 4001 and a refused activity entry; allowed sessions sign without asking', async () => {
    const origin = 'https://deny-sign.example';
    const ctx = context(origin);
    const session = await firstSignature(ctx, 'a');

    const denied = call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('b') }, ctx);
    const view = await confirmNext(false);
    expect(view.purpose).toBe('confirm-pkp-sign');
    await expect(denied).rejects.toMatchObject({
      code: 4001,
      message: 'The user refused the signature',
    });
    expect((await activity(session.id))[0]).toMatchObject({
      method: 'lit_pkpSign',
      result: 'refused',
      nodes: [],
      message: 'The user refused the signature',
    });
    expect(nodeLog.filter((n) => n.path === '/web/pkp/sign/v1').every((n) => n.body.toSign)).toBe(
      true,
    );

    // Closing the window that showed a confirmation refuses it too.
    const closed = call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('c') }, ctx);
    await nextWaiting();
    closeWindow(createdWindows.at(-1)!.id);
    await approvalWindowClosed();
    await expect(closed).rejects.toMatchObject({ code: 4001 });

    allowSignatures(session.id);
    const windows = createdWindows.length;
    const allowed = await call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('d') }, ctx);
    expect(recoverAddress(eip191Hash('d'), allowed.signature)).toBe(pkpAddress);
    expect(createdWindows.length).toBe(windows);
  });

  it('refuses a message or transaction that does not hash to toSign before showing anything', async () => {
    const ctx = context('https://mismatch.example');
    await expect(
      call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('x'), message: 'y' }, ctx),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('params.toSign') });
    const tx = unsignedTx;
    await expect(
      call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('x'), transaction: tx }, ctx),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('params.toSign') });
    await expect(
      call(
        'lit_pkpSign',
        { pubKey: pkpPublicKey, toSign: digestOf('x'), transaction: '0x1234' },
        ctx,
      ),
    ).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('params.transaction'),
    });
    const signed = await new Wallet('0x' + '07'.repeat(32)).signTransaction({
      to: otherAddress,
      nonce: 1,
      gasLimit: 21000,
      gasPrice: 5,
      chainId: 1,
    });
    await expect(
      call(
        'lit_pkpSign',
        { pubKey: pkpPublicKey, toSign: digestOf('x'), transaction: signed },
        ctx,
      ),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('unsigned') });
    expect(await listPending()).toEqual([]);
  });

  it('shows a transaction decoded, big numbers in decimal, and signs its keccak256', async () => {
    const origin = 'https://tx.example';
    const tx = unsignedTx;
    const { keccak_256 } = await import('@noble/hashes/sha3.js');
    const digest = `0x${toHex(keccak_256(Buffer.from(tx.slice(2), 'hex')))}`;
    const signing = call(
      'lit_pkpSign',
      { pubKey: pkpPublicKey, toSign: digest, transaction: tx },
      context(origin),
    );
    await approveSession();
    const view = await confirmNext(true);
    expect(view.confirmation).toMatchObject({
      transaction: {
        type: 0,
        chainId: '1',
        nonce: '7',
        to: otherAddress,
        value: '1000000000000000000',
        gasLimit: '21000',
        data: '0x',
      },
    });
    expect((await signing).dataSigned).toBe(digest.slice(2));
  });

  it('another origin cannot use the session: it is asked to approve its own, or gets 4100', async () => {
    const ctx = context('https://owner.example');
    await firstSignature(ctx, 'o');

    const other = call(
      'lit_pkpSign',
      { pubKey: pkpPublicKey, toSign: digestOf('o') },
      context('https://other.example'),
    );
    const view = await nextWaiting();
    expect(view).toMatchObject({ purpose: 'session', forMethod: 'lit_pkpSign' });
    await decide(view.id, { approve: false });
    await expect(other).rejects.toMatchObject({ code: 4001 });

    await expect(
      call(
        'lit_pkpSign',
        { pubKey: pkpPublicKey, toSign: digestOf('o') },
        context('https://nowallet.example', false),
      ),
    ).rejects.toMatchObject({ code: 4100 });
  });

  it('maps node answers: rate_limit_exceeded → -32005, a refusal → 4100 with the code, no node → 4900', async () => {
    const origin = 'https://limits.example';
    const ctx = context(origin);
    const session = await firstSignature(ctx, '1');
    allowSignatures(session.id);

    nodeState.override = (_url, path) =>
      path === '/web/pkp/sign/v1'
        ? {
            status: 400,
            body: {
              errorCode: 'rate_limit_exceeded',
              message: 'Rate limit exceeded.  Try again later.',
            },
          }
        : null;
    await expect(
      call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('2') }, ctx),
    ).rejects.toMatchObject({
      code: -32005,
      message: expect.stringContaining('rate_limit_exceeded'),
      data: {
        errorCode: 'rate_limit_exceeded',
        failures: expect.arrayContaining([
          expect.objectContaining({ errorCode: 'rate_limit_exceeded' }),
        ]),
      },
    });
    nodeState.override = (_url, path) =>
      path === '/web/pkp/sign/v1'
        ? { status: 401, body: { errorCode: 'NodePKPNotAuthorized', message: 'not permitted' } }
        : null;
    await expect(
      call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('3') }, ctx),
    ).rejects.toMatchObject({
      code: 4100,
      data: { errorCode: 'NodePKPNotAuthorized' },
    });
    nodeState.override = () => 'down';
    await expect(
      call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('4') }, ctx),
    ).rejects.toMatchObject({
      code: 4900,
      data: { failures: expect.arrayContaining([expect.objectContaining({ url: NODES[0] })]) },
    });
    const entries = await activity(session.id);
    expect(entries.slice(0, 3).map((e) => e.result)).toEqual(['node-error', 'refused', 'refused']);
    expect(entries[2]!.message).toContain('rate_limit_exceeded');
    expect(entries[0]!.nodes).toEqual([]);
  });
});

describe('lit_executeJs', () => {
  const code = `
    console.log('adding');
    const digest = Array.from({ length: 32 }, (_, i) => i);
    await Lit.Actions.signEcdsa({ toSign: digest, publicKey, sigName: 'sig1' });
    Lit.Actions.setResponse({ response: JSON.stringify({ sum: a + b }) });`;

  it('confirms the first run of a CID in the session, not the second; returns Lit’s shape', async () => {
    const origin = 'https://action.example';
    const ctx = context(origin);
    const jsParams = { a: 1, b: 2, publicKey: pkpPublicKey };
    const running = call('lit_executeJs', { code, jsParams }, ctx);
    const session = await approveSession();
    expect(session.forMethod).toBe('lit_executeJs');
    const view = await confirmNext(true);
    expect(view.confirmation).toMatchObject({
      purpose: 'confirm-lit-action',
      cid: ipfsCidV0(code),
      code,
      jsParams: JSON.stringify(jsParams, null, 2),
    });
    const result = await running;
    expect(result).toMatchObject({ response: { sum: 3 }, logs: 'adding\n', claims: {} });
    const digest = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(recoverAddress(digest, result.signatures.sig1!.signature)).toBe(pkpAddress);
    expect((await sessionOf(origin)).actionsRun).toEqual([ipfsCidV0(code)]);

    const windows = createdWindows.length;
    const again = await call('lit_executeJs', { code, jsParams: { ...jsParams, a: 5 } }, ctx);
    expect(again.response).toEqual({ sum: 7 });
    expect(createdWindows.length).toBe(windows);
    expect(await listPending()).toEqual([]);
  });

  it('a response that is not JSON comes back as text; an action that throws is 4100 with its logs', async () => {
    const origin = 'https://throws.example';
    const ctx = context(origin);
    const text = call(
      'lit_executeJs',
      { code: 'Lit.Actions.setResponse({ response: "plain words" })' },
      ctx,
    );
    await approveSession();
    await confirmNext(true);
    expect((await text).response).toBe('plain words');

    const failing = 'console.log("before"); throw new Error("boom")';
    const thrown = call('lit_executeJs', { code: failing }, ctx);
    await approveSession();
    await confirmNext(true);
    await expect(thrown).rejects.toMatchObject({
      code: 4100,
      message: expect.stringContaining('boom'),
      data: { errorCode: 'NodeJsExecutionError', logs: 'before\n' },
    });
  });
});

describe('lit_encrypt, lit_decrypt, lit_getSignedToken', () => {
  it('round trip for the user’s address; another address is NodeAccessControlConditionsReturnedNotAuthorized', async () => {
    const origin = 'https://notes.example';
    const ctx = context(origin);
    const mine = await call(
      'lit_encrypt',
      { accessControlConditions: userIs(walletAddress), data: 'my note' },
      ctx,
    );
    expect(await listPending()).toEqual([]);
    const decrypting = call(
      'lit_decrypt',
      { accessControlConditions: userIs(walletAddress), ...mine, chain: 'ethereum' },
      ctx,
    );
    expect((await approveSession()).forMethod).toBe('lit_decrypt');
    expect(await decrypting).toEqual({ data: 'my note' });
    const session = await sessionOf(origin);
    expect((await activity(session.id))[0]).toMatchObject({ method: 'lit_decrypt', result: 'ok' });

    const theirs = await call(
      'lit_encrypt',
      { accessControlConditions: userIs(otherAddress), data: 'not yours' },
      ctx,
    );
    const refused = call(
      'lit_decrypt',
      { accessControlConditions: userIs(otherAddress), ...theirs, chain: 'ethereum' },
      ctx,
    );
    await approveSession();
    await expect(refused).rejects.toMatchObject({
      code: 4100,
      message: expect.stringContaining('NodeAccessControlConditionsReturnedNotAuthorized'),
      data: { errorCode: 'NodeAccessControlConditionsReturnedNotAuthorized' },
    });
  });

  it('base64 both ways; bytes that are not text are refused as utf8; bad conditions and ciphertext are -32602', async () => {
    const ctx = context('https://bytes.example');
    const bytes = Buffer.from([0xff, 0x00, 0xfe]).toString('base64');
    const sealed = await call(
      'lit_encrypt',
      { accessControlConditions: userIs(walletAddress), data: bytes, encoding: 'base64' },
      ctx,
    );
    const params = { accessControlConditions: userIs(walletAddress), ...sealed, chain: 'ethereum' };
    const asText = call('lit_decrypt', params, ctx);
    await approveSession();
    await expect(asText).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('base64'),
    });
    expect(await call('lit_decrypt', { ...params, encoding: 'base64' }, ctx)).toEqual({
      data: bytes,
    });

    await expect(
      call('lit_encrypt', { accessControlConditions: [{ nonsense: true }], data: 'x' }, ctx),
    ).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('params.accessControlConditions'),
    });
    await expect(
      call(
        'lit_encrypt',
        { accessControlConditions: userIs(walletAddress), data: '***', encoding: 'base64' },
        ctx,
      ),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('params.data') });
    await expect(call('lit_decrypt', { ...params, ciphertext: 'AAAA' }, ctx)).rejects.toMatchObject(
      { code: -32602, message: expect.stringContaining('params.ciphertext') },
    );
  });

  it('lit_getSignedToken gives a JWT the network key verifies, for the session’s user', async () => {
    const ctx = context('https://jwt.example');
    const asking = call(
      'lit_getSignedToken',
      { accessControlConditions: userIs(walletAddress), chain: 'ethereum' },
      ctx,
    );
    await approveSession();
    const { jwt } = await asking;
    expect(verifyJwt(jwt, nodes.networkPublicKey)).toMatchObject({
      sub: walletAddress,
      chain: 'ethereum',
    });
  });
});

describe('confirmations and activity', () => {
  it('ui_decide refuses a confirmation and ui_confirm a session request', async () => {
    const ctx = context('https://mixup.example');
    const signing = call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('m') }, ctx);
    const sessionView = await nextWaiting();
    expect(
      await internal({ type: 'ui_confirm', pendingId: sessionView.id, approve: true }),
    ).toMatchObject({
      ok: false,
      error: { code: -32602 },
    });
    await approveSession();
    const confirmView = await nextWaiting();
    await expect(decide(confirmView.id, { approve: false })).rejects.toMatchObject({
      code: -32602,
    });
    await confirmNext(true);
    await signing;
  });

  it('keeps the last 500 calls, newest first; concurrent calls all land; the list goes with the session', async () => {
    const origin = 'https://busy.example';
    const ctx = context(origin);
    const first = call(
      'lit_getSignedToken',
      { accessControlConditions: userIs(walletAddress), chain: 'ethereum' },
      ctx,
    );
    await approveSession();
    await first;
    const session = await sessionOf(origin);
    for (let i = 0; i < MAX_ACTIVITY_PER_SESSION; i++) {
      await appendActivity(session.id, {
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        method: 'lit_decrypt',
        result: 'ok',
        nodes: [],
        message: `old ${i}`,
      });
    }
    await Promise.all(
      [1, 2, 3].map(() =>
        call(
          'lit_getSignedToken',
          { accessControlConditions: userIs(walletAddress), chain: 'ethereum' },
          ctx,
        ),
      ),
    );
    const entries = await activity(session.id);
    expect(entries).toHaveLength(MAX_ACTIVITY_PER_SESSION);
    expect(entries.slice(0, 3).map((e) => e.method)).toEqual(Array(3).fill('lit_getSignedToken'));
    // The first call's entry made room for old 499, and old 0…2 for the three.
    expect(entries.at(-1)!.message).toBe('old 3');

    await handleRevokeSession({ sessionId: session.id }, ctx);
    expect(await activityOf(session.id)).toEqual([]);
    expect(await internal({ type: 'ui_getActivity', sessionId: session.id })).toMatchObject({
      ok: false,
      error: { code: -32602, message: expect.stringContaining('no such session') },
    });
  });

  it('a page asking for sigs never gets a brokered session’s: it must approve a session of its own', async () => {
    const ctx = context('https://sigs-after-broker.example');
    const brokered = await firstSignature(ctx, 'b1');
    expect(brokered.pageGetsSigs).toBe(false);
    const asking = call(
      'lit_getSessionSigs',
      {
        resourceAbilityRequests: [
          { resource: { resource: pkpTokenId, resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
        ],
      },
      ctx,
    );
    // Not served from the brokered session (whose signatures the user confirms one by one).
    const view = await nextWaiting();
    expect(view.purpose).toBe('session');
    expect(view.forMethod).toBeNull();
    await approveSession();
    const sigs = await asking;
    const handedOut = (await allSessions()).find(
      (r) => r.origin === ctx.origin && r.id !== brokered.id,
    )!;
    expect(handedOut.pageGetsSigs).toBe(true);
    const signed = JSON.parse(Object.values(sigs)[0]!.signedMessage) as { sessionKey: string };
    expect(signed.sessionKey).toBe(handedOut.publicKey);
    expect(signed.sessionKey).not.toBe(brokered.publicKey);
  });

  it('a session revoked while its confirmation waits is never used', async () => {
    const origin = 'https://revoked.example';
    const ctx = context(origin);
    const session = await firstSignature(ctx, 'r1');
    const waiting = call('lit_pkpSign', { pubKey: pkpPublicKey, toSign: digestOf('r2') }, ctx);
    await nextWaiting();
    const before = nodeLog.length;
    // Rejected while the revoke runs: listened to from now.
    const refused = expect(waiting).rejects.toMatchObject({ code: 4001 });
    await internal({ type: 'ui_revokeSession', sessionId: session.id });
    await refused;
    expect(nodeLog.slice(before).some((n) => n.path === '/web/pkp/sign/v1')).toBe(false);
  });
});
