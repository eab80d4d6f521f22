// The worker's PKP and Lit Action session flow with the browser faked below it and three fake
// nodes holding real BLS shares of a dealt network key: the wallet signs a short-lived plain SIWE
// (the EthWallet auth method), the nodes sign the capability, the worker checks it and keeps it,
// progress is recorded for the window, and refusals reach the dApp and the window as one error.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dealShares } from '../../protocol/shamir';
import { randomBlsSecretKey, sessionDigest } from '../../protocol/bls';
import { signShare } from '../../protocol/bls-shares';
import { toHex } from '../../protocol/bytes';
import { LitNodeError } from '../../protocol/errors';
import { addressFromPublicKey, privateKeySigner } from '../../protocol/ethereum';
import { parseSiweMessage, verifySiweMessage, buildSiweMessage } from '../../protocol/siwe';
import { verifySessionSig } from '../../protocol/verify-session-sig';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { WalletRequest } from '../messages';
import type { PageChannel } from './page-channel';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');
const { handleGetPkpSessionSigs } = await import('./handlers/lit_getPkpSessionSigs');
const { handleGetLitActionSessionSigs } = await import('./handlers/lit_getLitActionSessionSigs');
const { decide, showPending } = await import('./approvals');
const { listPending } = await import('./pending-approvals');
const { listVaultEntries } = await import('./key-vault');
const { allSessions } = await import('./session-store');

const NODES = ['http://127.0.0.1:7470', 'http://127.0.0.1:7471', 'http://127.0.0.1:7472'];
const dealt = dealShares(randomBlsSecretKey(), 2, 3);
const networkPublicKey = toHex(dealt.publicKey);
const wallet = privateKeySigner(new Uint8Array(32).fill(7));
const walletAddress = await wallet.getAddress();
const pkpPublicKey = `0x${toHex(secp256k1.getPublicKey(new Uint8Array(32).fill(5), false))}`;
const pkpAddress = addressFromPublicKey(pkpPublicKey);
const pkpSigning = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' as const },
  ability: 'pkp-signing' as const,
};
const ALLOW = 'Lit.Actions.setResponse({ response: "true" })';

interface SignBody {
  sessionKey: string;
  authMethods: { authMethodType: number; accessToken: string }[];
  pkpPublicKey: string;
  siweMessage: string;
  code?: string;
  jsParams?: Record<string, unknown>;
}

/** What a node does with a sign_session_key body: answer (a JSON body and status) or go away. */
type Node = (url: string, body: SignBody) => { status: number; body: unknown } | 'down';

/** A node that checks the auth method and the SIWE address, then signs with its share. */
const honest: Node = (url, body) => {
  const authSig = JSON.parse(body.authMethods[0]!.accessToken) as {
    sig: string;
    signedMessage: string;
    address: string;
  };
  const verified = verifySiweMessage(authSig.signedMessage, authSig.sig);
  if (!verified.ok || verified.signer !== authSig.address) {
    return { status: 401, body: new LitNodeError('NodeInvalidAuthSig', ['bad auth']).toJSON() };
  }
  if (parseSiweMessage(body.siweMessage).address !== addressFromPublicKey(body.pkpPublicKey)) {
    return { status: 400, body: new LitNodeError('NodeSIWEMessageError', ['address']).toJSON() };
  }
  const share = dealt.shares[NODES.indexOf(url)]!;
  const digest = sessionDigest(body.siweMessage);
  return {
    status: 200,
    body: {
      result: 'success',
      signatureShare: { ProofOfPossession: signShare(share, digest) },
      shareIndex: share.id - 1,
      curveType: 'BLS',
      siweMessage: body.siweMessage,
      dataSigned: toHex(digest),
      blsRootPubkey: networkPublicKey,
    },
  };
};

let node: Node = honest;
const signRequests: { url: string; body: SignBody }[] = [];

function fakePage(): PageChannel & { asked: WalletRequest[] } {
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
      return (await wallet.signMessage(request.message)) as never;
    },
  };
}

let tabId = 1;
const context = (origin: string) => ({ origin, tabId: tabId++, page: fakePage() });

/** Every progress the window could have shown, in order. */
const progressSeen: unknown[] = [];
fakeBrowser.storage.onChanged.addListener((changes) => {
  const list = changes['lit-companion:pending']?.newValue as { progress?: unknown }[] | undefined;
  for (const p of list ?? []) if (p.progress) progressSeen.push(p.progress);
});

beforeEach(async () => {
  node = honest;
  signRequests.length = 0;
  progressSeen.length = 0;
  fakeBrowser.storage.session.data.clear();
  await fakeBrowser.storage.session.set({
    'lit-companion:network': {
      rpcUrl: 'http://127.0.0.1:8545',
      nodeUrls: NODES,
      threshold: 2,
      networkPublicKey,
      epoch: 1,
      latestBlockhash: '0x' + '12'.repeat(32),
      discoveredAt: Date.now(),
    },
  });
  vi.stubGlobal('fetch', async (input: string, init: { body: string }) => {
    const url = new URL(input);
    const base = `${url.protocol}//${url.host}`;
    if (url.pathname !== '/web/sign_session_key/v1') {
      return new Response('{"result":"success"}', { status: 200 });
    }
    const body = JSON.parse(init.body) as SignBody;
    signRequests.push({ url: base, body });
    const answer = node(base, body);
    if (answer === 'down') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
});
afterEach(() => vi.unstubAllGlobals());

async function approveNext() {
  await vi.waitFor(async () =>
    expect((await listPending()).some((p) => p.state === 'waiting')).toBe(true),
  );
  const [p] = await showPending();
  return decide(p!.id, {
    approve: true,
    walletSource: 'page',
    walletId: 'w1',
    expiration: new Date(Date.now() + 3600_000).toISOString(),
  });
}

describe('lit_getPkpSessionSigs', () => {
  it("authenticates with a short-lived plain SIWE, keeps the nodes' capability, sigs verify", async () => {
    const ctx = context('https://pkp.example');
    const asking = handleGetPkpSessionSigs(
      { pkpPublicKey, resourceAbilityRequests: [pkpSigning] },
      ctx,
      'p1',
    );
    expect(await approveNext()).toEqual({ outcome: 'approved' });
    const sigs = await asking;

    // The auth method: a SIWE of the wallet for this site, no capabilities, valid minutes only.
    const authMessage = (
      ctx.page.asked.find((a) => a.action === 'personalSign') as {
        message: string;
      }
    ).message;
    const auth = parseSiweMessage(authMessage);
    expect(auth).toMatchObject({
      address: walletAddress,
      domain: 'pkp.example',
      uri: 'https://pkp.example',
    });
    expect(auth.resources ?? []).toEqual([]);
    expect(Date.parse(auth.expirationTime!) - Date.parse(auth.issuedAt)).toBeLessThanOrEqual(
      600_000,
    );
    // Each node got the same auth method and a SIWE of the PKP for the new session key.
    expect(signRequests.length).toBeGreaterThanOrEqual(2);
    const [first] = signRequests;
    expect(JSON.parse(first!.body.authMethods[0]!.accessToken)).toMatchObject({
      address: walletAddress,
      signedMessage: authMessage,
    });
    expect(first!.body.pkpPublicKey).toBe(pkpPublicKey);

    const [record] = (await allSessions()).filter((s) => s.origin === 'https://pkp.example');
    expect(record).toMatchObject({
      authMethod: 'pkp',
      address: pkpAddress,
      authWallet: walletAddress,
      walletSource: 'page',
      pkp: { publicKey: pkpPublicKey, address: pkpAddress },
      capability: { derivedVia: 'lit.bls', address: pkpAddress },
    });
    expect(first!.body.sessionKey).toBe(`lit:session:${record!.publicKey}`);
    for (const url of NODES) {
      const verified = verifySessionSig(sigs[url], {
        nodeAddress: url.replace('http://', ''),
        request: pkpSigning,
        networkPublicKey,
      });
      expect(verified, url).toMatchObject({ ok: true, capabilityKind: 'network' });
    }
    // The window could follow the nodes: "n of 3 nodes signed (2 needed)".
    expect(progressSeen[0]).toEqual({ nodes: 3, needed: 2, signed: [], failed: [] });
    expect(progressSeen.at(-1)).toMatchObject({ nodes: 3, needed: 2, failed: [] });
    expect((progressSeen.at(-1) as { signed: string[] }).signed.length).toBeGreaterThanOrEqual(2);

    // Covered later without asking; another PKP asks again.
    await handleGetPkpSessionSigs(
      { pkpPublicKey, resourceAbilityRequests: [pkpSigning] },
      ctx,
      'p2',
    );
    expect(await listPending()).toEqual([]);
  });

  it('a node that fails is named in the progress, and a spare signs instead', async () => {
    node = (url, body) => (url === NODES[0] ? 'down' : honest(url, body));
    const asking = handleGetPkpSessionSigs(
      { pkpPublicKey, resourceAbilityRequests: [pkpSigning] },
      context('https://spare.example'),
      's1',
    );
    expect(await approveNext()).toEqual({ outcome: 'approved' });
    await asking;
    expect(progressSeen.at(-1)).toMatchObject({
      failed: [{ url: NODES[0], error: expect.stringContaining('unreachable') }],
    });
  });

  it("a PKP the wallet may not use: the window and the dApp get one 4100 with Lit's code; nothing kept", async () => {
    node = () => ({
      status: 401,
      body: new LitNodeError('NodePKPNotAuthorized', ['not permitted']).toJSON(),
    });
    const keys = (await listVaultEntries()).length;
    const asking = handleGetPkpSessionSigs(
      { pkpPublicKey, resourceAbilityRequests: [pkpSigning] },
      context('https://denied.example'),
      'd1',
    );
    const decided = await approveNext();
    expect(decided).toMatchObject({
      outcome: 'failed',
      error: { code: 4100, data: { errorCode: 'NodePKPNotAuthorized' } },
    });
    await expect(asking).rejects.toMatchObject({
      code: 4100,
      data: { errorCode: 'NodePKPNotAuthorized' },
    });
    expect((await listVaultEntries()).length).toBe(keys);
    expect((await allSessions()).filter((s) => s.origin === 'https://denied.example')).toEqual([]);
  });

  it('two nodes down: 4900 naming them, and the node list is found again next time', async () => {
    node = (url, body) => (url === NODES[2] ? honest(url, body) : 'down');
    const asking = handleGetPkpSessionSigs(
      { pkpPublicKey, resourceAbilityRequests: [pkpSigning] },
      context('https://down.example'),
      'n1',
    );
    const decided = await approveNext();
    expect(decided).toMatchObject({ outcome: 'failed', error: { code: 4900 } });
    const { message } = (decided as { error: { message: string } }).error;
    expect(message).toMatch(/^Only 1 of 3 Lit nodes signed the session \(2 needed\)/);
    expect(message).toContain(NODES[0]);
    expect(message).toContain(NODES[1]);
    await expect(asking).rejects.toMatchObject({ code: 4900 });
    expect(fakeBrowser.storage.session.data.has('lit-companion:network')).toBe(false);
  });

  it('refuses a capability the nodes signed for other terms than approved', async () => {
    // The nodes sign a SIWE that lasts longer than the user approved.
    const week = new Date(Date.now() + 7 * 86400_000).toISOString();
    node = (url, body) => {
      const fields = parseSiweMessage(body.siweMessage);
      const longer = buildSiweMessage({ ...fields, expirationTime: week });
      return honest(url, { ...body, siweMessage: longer });
    };
    const asking = handleGetPkpSessionSigs(
      { pkpPublicKey, resourceAbilityRequests: [pkpSigning] },
      context('https://tampered.example'),
      't1',
    );
    expect(await approveNext()).toMatchObject({ outcome: 'failed', error: { code: -32603 } });
    await expect(asking).rejects.toMatchObject({ code: -32603 });
    expect((await allSessions()).filter((s) => s.origin === 'https://tampered.example')).toEqual(
      [],
    );
  });
});

describe('lit_getLitActionSessionSigs', () => {
  it('sends the code and jsParams; its session serves only the same action and jsParams', async () => {
    const ctx = context('https://action.example');
    const params = {
      pkpPublicKey,
      litActionCode: ALLOW,
      jsParams: { user: 'alice' },
      resourceAbilityRequests: [pkpSigning],
    };
    const asking = handleGetLitActionSessionSigs(params, ctx, 'a1');
    expect(await approveNext()).toEqual({ outcome: 'approved' });
    await asking;
    const sent = signRequests[0]!.body;
    expect(atob(sent.code!)).toBe(ALLOW);
    expect(sent.jsParams).toEqual({ user: 'alice' });
    const [record] = (await allSessions()).filter((s) => s.origin === 'https://action.example');
    expect(record).toMatchObject({ authMethod: 'lit-action', litAction: { size: ALLOW.length } });

    // Same action, same jsParams: no approval. Other jsParams: asked again.
    await handleGetLitActionSessionSigs(params, ctx, 'a2');
    expect(await listPending()).toEqual([]);
    const other = handleGetLitActionSessionSigs(
      { ...params, jsParams: { user: 'bob' } },
      ctx,
      'a3',
    );
    await vi.waitFor(async () => expect(await listPending()).toHaveLength(1));
    const [p] = await showPending();
    await decide(p!.id, { approve: false });
    await expect(other).rejects.toMatchObject({ code: 4001 });
  });

  it('an action that says no: its logs reach the dApp', async () => {
    node = () => ({
      status: 401,
      body: new LitNodeError('NodeLitActionsSessionSigAuthenticationFailed', [
        'the action responded "false"',
        'refusing alice\n',
      ]).toJSON(),
    });
    const asking = handleGetLitActionSessionSigs(
      { pkpPublicKey, litActionCode: ALLOW, resourceAbilityRequests: [pkpSigning] },
      context('https://no.example'),
      'n1',
    );
    await approveNext();
    await expect(asking).rejects.toMatchObject({
      code: 4100,
      data: {
        errorCode: 'NodeLitActionsSessionSigAuthenticationFailed',
        logs: 'refusing alice\n',
      },
    });
  });
});
