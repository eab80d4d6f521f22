// The worker's session flow with the browser faked below it: a request no session covers waits
// for approval (stored before the window opens), the page's wallet signs, the sigs verify as a
// node checks them, later covered requests need no approval, and revoke ends it everywhere.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { privateKeySigner } from '../../protocol/ethereum';
import { verifySessionSig } from '../../protocol/verify-session-sig';
import type { WalletRequest } from '../messages';
import type { PageChannel } from './page-channel';
import { ProviderRpcError } from './errors';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser, createdWindows, sentToTabs, onWindowCreated, closeWindow } =
  await import('./test-browser');
const { handleGetSessionSigs } = await import('./handlers/lit_getSessionSigs');
const { handleGetSessions } = await import('./handlers/lit_getSessions');
const { handleRevokeSession } = await import('./handlers/lit_revokeSession');
const { handleDisconnect } = await import('./handlers/lit_disconnect');
const { decide, approvalWindowClosed, showPending } = await import('./approvals');
const { listPending } = await import('./pending-approvals');
const { listVaultEntries } = await import('./key-vault');
const { allSessions } = await import('./session-store');

const NODES = ['http://127.0.0.1:7470', 'http://127.0.0.1:7471', 'http://127.0.0.1:7472'];
const wallet = privateKeySigner(new Uint8Array(32).fill(7));
const walletAddress = await wallet.getAddress();
const pkpSigning = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' as const },
  ability: 'pkp-signing' as const,
};
const oneToken = {
  resource: { resource: 'ab'.repeat(32), resourcePrefix: 'lit-pkp' as const },
  ability: 'pkp-signing' as const,
};
const decryption = {
  resource: { resource: '*', resourcePrefix: 'lit-accesscontrolcondition' as const },
  ability: 'access-control-condition-decryption' as const,
};

/** The page's wallet: an EOA that signs what it is asked, the way the inpage bridge answers. */
function fakePage(options: { refuse?: boolean } = {}): PageChannel & { asked: WalletRequest[] } {
  const asked: WalletRequest[] = [];
  return {
    asked,
    open: true,
    onClose: () => () => undefined,
    askWallet: async (request: WalletRequest) => {
      asked.push(request);
      if (request.action === 'listWallets') {
        return [{ id: 'w1', name: 'Test Wallet', accounts: [walletAddress] }] as never;
      }
      if (request.action === 'requestAccounts') return [walletAddress] as never;
      if (options.refuse) throw new ProviderRpcError(4001, 'The wallet refused to sign');
      return (await wallet.signMessage(request.message)) as never;
    },
  };
}

let tabId = 1;
function context(origin = 'https://dapp.example', page = fakePage()) {
  return { origin, tabId: tabId++, page };
}

const revocations: unknown[] = [];

beforeEach(async () => {
  fakeBrowser.storage.session.data.clear();
  await fakeBrowser.storage.session.set({
    'lit-companion:network': {
      rpcUrl: 'http://127.0.0.1:8545',
      nodeUrls: NODES,
      threshold: 2,
      networkPublicKey: 'ab'.repeat(48),
      epoch: 1,
      latestBlockhash: '0x' + '12'.repeat(32),
      discoveredAt: Date.now(),
    },
  });
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    revocations.push({ url, body: JSON.parse(init.body) });
    return new Response('{"result":"success"}', { status: 200 });
  });
});
afterEach(() => vi.unstubAllGlobals());

/** Waits until the request is pending, then decides it as the approval window would. */
async function approveNext(decision: Record<string, unknown> = {}) {
  await vi.waitFor(async () =>
    expect((await listPending()).some((p) => p.state === 'waiting')).toBe(true),
  );
  const [p] = await showPending();
  return decide(p!.id, {
    approve: true,
    walletSource: 'page',
    walletId: 'w1',
    expiration: new Date(Date.now() + 3600_000).toISOString(),
    ...decision,
  } as never);
}

async function waitingIds(): Promise<string[]> {
  return (await listPending()).filter((p) => p.state === 'waiting').map((p) => p.id);
}

describe('lit_getSessionSigs', () => {
  it('stores the request before the window opens, and the approved sigs pass a node check', async () => {
    const seenAtOpen: unknown[] = [];
    onWindowCreated.fn = () => void listPending().then((l) => seenAtOpen.push(...l));
    const ctx = context();
    const asking = handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, 'req-1');
    expect(await approveNext()).toEqual({ outcome: 'approved' });
    const sigs = await asking;
    onWindowCreated.fn = null;

    expect(seenAtOpen).toHaveLength(1);
    expect(seenAtOpen[0]).toMatchObject({ origin: 'https://dapp.example', requestId: 'req-1' });
    expect(Object.keys(sigs)).toEqual(NODES);
    for (const node of NODES) {
      const verified = verifySessionSig(sigs[node], {
        nodeAddress: node.replace('http://', ''),
        request: oneToken,
      });
      expect(verified.ok, node).toBe(true);
      const signed = JSON.parse(sigs[node]!.signedMessage) as {
        expiration: string;
        issuedAt: string;
      };
      // Short-lived: five minutes, not the session's hour.
      expect(Date.parse(signed.expiration) - Date.parse(signed.issuedAt)).toBe(5 * 60_000);
    }
    // The wallet signed a SIWE for this site's domain with the recap of exactly what was asked.
    const signRequest = ctx.page.asked.find((a) => a.action === 'personalSign');
    expect(signRequest).toMatchObject({ walletId: 'w1', address: walletAddress });
    expect((signRequest as { message: string }).message).toMatch(
      /^dapp\.example wants you to sign in/,
    );
    expect(await listPending()).toEqual([]);
  });

  it('answers a covered (same or narrower) request without asking again, and asks for more', async () => {
    const ctx = context('https://covered.example');
    const first = handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, 'a');
    await approveNext();
    await first;
    const windows = createdWindows.length;
    await handleGetSessionSigs({ resourceAbilityRequests: [oneToken] }, ctx, 'b');
    await handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, 'c');
    expect(createdWindows.length).toBe(windows);
    expect(await waitingIds()).toEqual([]);

    const more = handleGetSessionSigs(
      { resourceAbilityRequests: [pkpSigning, decryption] },
      ctx,
      'd',
    );
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(1));
    const [p] = await listPending();
    await decide(p!.id, { approve: false });
    await expect(more).rejects.toMatchObject({ code: 4001 });
  });

  it('rejects with 4001 when denied or when the window that showed it is closed', async () => {
    const denied = handleGetSessionSigs(
      { resourceAbilityRequests: [pkpSigning] },
      context('https://deny.example'),
      'x',
    );
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(1));
    await decide((await waitingIds())[0]!, { approve: false });
    await expect(denied).rejects.toMatchObject({
      code: 4001,
      message: 'The user rejected the request',
    });

    const closed = handleGetSessionSigs(
      { resourceAbilityRequests: [pkpSigning] },
      context('https://close.example'),
      'y',
    );
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(1));
    await showPending();
    closeWindow(createdWindows.at(-1)!.id);
    await approvalWindowClosed();
    await expect(closed).rejects.toMatchObject({
      code: 4001,
      message: 'The approval window was closed',
    });
    expect(
      await allSessions().then((s) =>
        s.filter((r) => r.origin.includes('deny') || r.origin.includes('close')),
      ),
    ).toEqual([]);
  });

  it('passes on 4001 when the wallet refuses, and keeps no key for it', async () => {
    const before = (await listVaultEntries()).length;
    const asking = handleGetSessionSigs(
      { resourceAbilityRequests: [pkpSigning] },
      context('https://refuse.example', fakePage({ refuse: true })),
      'r',
    );
    expect(await approveNext()).toMatchObject({ outcome: 'failed', error: { code: 4001 } });
    await expect(asking).rejects.toMatchObject({ code: 4001 });
    expect((await listVaultEntries()).length).toBe(before);
  });

  it('refuses an expiration in the past or past 30 days with -32602 naming it', async () => {
    for (const expiration of [
      '2020-01-01T00:00:00Z',
      new Date(Date.now() + 31 * 86400_000).toISOString(),
    ]) {
      await expect(
        handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning], expiration }, context(), 'e'),
      ).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('params.expiration'),
      });
    }
  });

  it('gives 4100 when no wallet could sign (no page wallet, no built-in account)', async () => {
    const noWallet = {
      ...fakePage(),
      askWallet: async () => [] as never,
    };
    await expect(
      handleGetSessionSigs(
        { resourceAbilityRequests: [pkpSigning] },
        context('https://nowallet.example', noWallet),
        'n',
      ),
    ).rejects.toMatchObject({ code: 4100 });
    expect(await waitingIds()).toEqual([]);
  });

  it('a request id reused for other params does not ride on the open entry', async () => {
    const ctx = context('https://reuse.example');
    const first = handleGetSessionSigs({ resourceAbilityRequests: [oneToken] }, ctx, 'same-id');
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(1));
    await expect(
      handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, 'same-id'),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('request id') });
    // The first is still the one the window shows, and it alone gets the session.
    const [p] = await showPending();
    expect(p!.resourceAbilityRequests).toEqual([oneToken]);
    expect(await approveNext()).toEqual({ outcome: 'approved' });
    await first;
  });

  it('keeps at most 3 requests of an origin open, even when they arrive together', async () => {
    const ctx = context('https://flood.example');
    const asked = [1, 2, 3, 4, 5].map((n) =>
      handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, `flood-${n}`).then(
        () => 'sigs',
        (e: { code: number }) => e.code,
      ),
    );
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(3));
    await handleDisconnect(undefined, ctx);
    expect((await Promise.all(asked)).sort()).toEqual([-32005, -32005, 4001, 4001, 4001]);
  });

  it('keeps at most 24 requests open in all (storage.session is small)', async () => {
    const origins = Array.from({ length: 8 }, (_, i) => context(`https://many-${i}.example`));
    const asked = origins.flatMap((ctx) =>
      [1, 2, 3].map((n) =>
        handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, `m-${n}`).catch(
          (e: { code: number }) => e.code,
        ),
      ),
    );
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(24));
    await expect(
      handleGetSessionSigs(
        { resourceAbilityRequests: [pkpSigning] },
        context('https://one-more.example'),
        'x',
      ),
    ).rejects.toMatchObject({
      code: -32005,
      message: 'Too many requests are waiting for approval',
    });
    for (const ctx of origins) await handleDisconnect(undefined, ctx);
    expect(new Set(await Promise.all(asked))).toEqual(new Set([4001]));
  });

  it('a re-sent request (after a worker restart) waits on the same approval and gets the sigs', async () => {
    const ctx = context('https://restart.example');
    const first = handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, 'same-id');
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(1));
    const again = handleGetSessionSigs(
      { resourceAbilityRequests: [pkpSigning] },
      { ...ctx, page: fakePage() },
      'same-id',
    );
    expect(await approveNext()).toEqual({ outcome: 'approved' });
    const [a, b] = await Promise.all([first, again]);
    expect(Object.keys(a)).toEqual(NODES);
    expect(Object.keys(b)).toEqual(NODES);
    expect(
      (await allSessions()).filter((s) => s.origin === 'https://restart.example'),
    ).toHaveLength(1);
  });
});

describe('ending sessions', () => {
  it('lit_revokeSession ends only its own origin’s session: record, key, network, and tells the pages', async () => {
    const mine = context('https://mine.example');
    const other = context('https://other.example');
    const p1 = handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, mine, 'm');
    await approveNext();
    await p1;
    const p2 = handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, other, 'o');
    await approveNext();
    await p2;
    const [session] = await handleGetSessions(undefined, mine);
    const [otherSession] = await handleGetSessions(undefined, other);
    expect(session!.capabilities).toEqual([
      { resource: 'lit-pkp://*', ability: 'pkp-signing', label: 'Sign with your Lit key' },
    ]);

    // Another origin cannot revoke it, and learns nothing from trying.
    await expect(handleRevokeSession({ sessionId: session!.id }, other)).rejects.toMatchObject({
      code: -32602,
    });
    expect(await handleGetSessions(undefined, mine)).toHaveLength(1);

    revocations.length = 0;
    await handleRevokeSession({ sessionId: session!.id }, mine);
    expect(await handleGetSessions(undefined, mine)).toEqual([]);
    expect((await listVaultEntries('https://mine.example')).map((e) => e.publicKey)).not.toContain(
      session!.publicKey,
    );
    expect(revocations.map((r) => (r as { url: string }).url).sort()).toEqual(
      NODES.map((n) => `${n}/web/session/revoke/v1`),
    );
    // Exactly the body the node's strict schema takes.
    for (const r of revocations as { body: object }[]) {
      expect(Object.keys(r.body).sort()).toEqual(['revocation', 'signature']);
    }
    expect(await handleGetSessions(undefined, other)).toEqual([otherSession]);
  });

  it('lit_disconnect leaves no record and no key of the origin, and rejects its pending requests', async () => {
    const ctx = context('https://bye.example');
    const first = handleGetSessionSigs({ resourceAbilityRequests: [pkpSigning] }, ctx, 'b1');
    await approveNext();
    await first;
    const waiting = handleGetSessionSigs({ resourceAbilityRequests: [decryption] }, ctx, 'b2');
    await vi.waitFor(async () => expect(await waitingIds()).toHaveLength(1));
    sentToTabs.length = 0;
    // Rejected while the disconnect runs (before it reads the records): listened to from now.
    const refused = expect(waiting).rejects.toMatchObject({ code: 4001 });
    await handleDisconnect(undefined, ctx);
    await refused;
    expect((await allSessions()).filter((s) => s.origin === 'https://bye.example')).toEqual([]);
    expect(await listVaultEntries('https://bye.example')).toEqual([]);
  });
});
