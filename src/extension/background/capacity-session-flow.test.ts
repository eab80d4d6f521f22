// A capacity credit attached at approval, against a real devnet started with --rate-limit: the
// built-in account (unlocked by the approval's password even when the page's wallet signs) must
// hold the credit, or the request keeps waiting; the delegation to the session's address (the
// wallet's, or the PKP's) is kept on the record and rides in every request's capabilities, so the
// nodes accept exactly `uses` calls; a session without it is refused rate_limit_exceeded.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { discoverNetwork, type LitNetwork } from '../../client/discover';
import { executeJs, type ExecuteJsError } from '../../client/execute-js';
import { privateKeySigner } from '../../protocol/ethereum';
import { parseSiweMessage } from '../../protocol/siwe';
import type { WalletRequest } from '../messages';
import type { PageChannel } from './page-channel';
import { spawnTestDevnet, type TestDevnet } from './test-devnet';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');
const { handleGetSessionSigs } = await import('./handlers/lit_getSessionSigs');
const { handleGetPkpSessionSigs } = await import('./handlers/lit_getPkpSessionSigs');
const { decide, showPending } = await import('./approvals');
const { listPending } = await import('./pending-approvals');
const { listVaultEntries } = await import('./key-vault');
const { allSessions } = await import('./session-store');
const { mintSessionSigs } = await import('./mint-session-sigs');
const { currentNetwork } = await import('./network');
const { createAccount, lockAccount } = await import('./builtin-account');
const { mintCredit } = await import('./capacity-credits');
const { mintDevnetPkp } = await import('./devnet-admin');
const { SETTINGS_KEY } = await import('./settings');

const PASSWORD = 'a long enough password';
const wallet = privateKeySigner(new Uint8Array(32).fill(11));
const walletAddress = await wallet.getAddress();
const someoneElse = await privateKeySigner(new Uint8Array(32).fill(12)).getAddress();
const execution = {
  resource: { resource: '*', resourcePrefix: 'lit-litaction' as const },
  ability: 'lit-action-execution' as const,
};
const CODE = 'Lit.Actions.setResponse({ response: "ran" });';

let devnet: TestDevnet;
let network: LitNetwork;
let builtinAddress: string;
let creditId: string;
let othersCreditId: string;

function fakePage(): PageChannel {
  return {
    open: true,
    onClose: () => () => undefined,
    askWallet: async (request: WalletRequest) => {
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

async function waitingOne(): Promise<string> {
  await vi.waitFor(async () =>
    expect((await listPending()).some((p) => p.state === 'waiting')).toBe(true),
  );
  const [p] = await showPending();
  return p!.id;
}

const approval = (decision: Record<string, unknown> = {}) =>
  ({
    approve: true,
    walletSource: 'page',
    walletId: 'w1',
    expiration: new Date(Date.now() + 3600_000).toISOString(),
    ...decision,
  }) as never;

async function recordOf(origin: string) {
  const record = (await allSessions()).find((r) => r.origin === origin);
  expect(record, origin).toBeDefined();
  return record!;
}

/** One executeJs on every node with fresh sigs of the session, as the broker makes them. */
async function run(origin: string): Promise<'ok' | string> {
  const sigs = await mintSessionSigs(
    await recordOf(origin),
    [execution],
    await currentNetwork(),
    Date.now(),
  );
  try {
    const result = await executeJs(network, { sessionSigs: sigs!, code: CODE });
    expect(result.response).toBe('ran');
    return 'ok';
  } catch (e) {
    return (e as ExecuteJsError).errorCode ?? (e as Error).message;
  }
}

beforeAll(async () => {
  devnet = await spawnTestDevnet({ rateLimit: true });
  await fakeBrowser.storage.local.set({
    [SETTINGS_KEY]: { rpcUrl: devnet.rpcUrl, defaultSessionMinutes: 60 },
  });
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
  builtinAddress = (await createAccount(PASSWORD)).address!;
  creditId = (
    await mintCredit(devnet.rpcUrl, builtinAddress, { requestsPerKilosecond: 1000, days: 1 })
  ).tokenId;
  othersCreditId = (
    await mintCredit(devnet.rpcUrl, someoneElse, { requestsPerKilosecond: 1000, days: 1 })
  ).tokenId;
  // Locked: the approval's password must unlock it although the page's wallet signs the session.
  await lockAccount();
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('a capacity credit attached at approval', () => {
  it('keeps the request waiting until the built-in account is unlocked and holds the credit', async () => {
    const origin = 'https://credit.example';
    const asking = handleGetSessionSigs(
      { resourceAbilityRequests: [execution] },
      context(origin),
      'c1',
    );
    const id = await waitingOne();
    const keys = (await listVaultEntries()).length;
    const attempts = [
      [approval({ capacityCredit: { tokenId: creditId, uses: 3 } }), 4100, 'locked'],
      [
        approval({ capacityCredit: { tokenId: creditId, uses: 3 }, password: 'wrong password' }),
        -32602,
        'Wrong password',
      ],
      [
        approval({ capacityCredit: { tokenId: othersCreditId, uses: 3 }, password: PASSWORD }),
        -32602,
        `no unexpired capacity credit #${othersCreditId}`,
      ],
      [approval({ capacityCredit: { tokenId: '999', uses: 3 } }), -32602, 'credit #999'],
    ] as const;
    for (const [decision, code, message] of attempts) {
      await expect(decide(id, decision)).rejects.toMatchObject({
        code,
        message: expect.stringContaining(message),
      });
      expect((await listPending()).find((p) => p.id === id)?.state).toBe('waiting');
    }
    expect((await listVaultEntries()).length).toBe(keys);

    const expiration = new Date(Date.now() + 3600_000).toISOString();
    expect(
      await decide(id, approval({ expiration, capacityCredit: { tokenId: creditId, uses: 3 } })),
    ).toEqual({ outcome: 'approved' });
    await asking;

    const record = await recordOf(origin);
    // The page got the sigs: it signs without asking, so the record says so.
    expect(record.pageGetsSigs).toBe(true);
    expect(record.pkpSigning).toBe('allow');
    expect(record.capacityDelegation).toMatchObject({
      tokenId: creditId,
      uses: 3,
      owner: builtinAddress,
    });
    const { authSig } = record.capacityDelegation!;
    expect(authSig.address).toBe(builtinAddress);
    const siwe = parseSiweMessage(authSig.signedMessage);
    expect(siwe.uri).toBe('lit:capability:delegation');
    expect(siwe.expirationTime).toBe(expiration);
    expect(siwe.nonce).toBe(network.latestBlockhash);
    const recap = JSON.parse(
      Buffer.from(siwe.resources!.at(-1)!.replace('urn:recap:', ''), 'base64url').toString(),
    ) as { att: Record<string, Record<string, unknown[]>> };
    expect(recap.att).toEqual({
      [`lit-ratelimitincrease://${creditId}`]: {
        'Auth/Auth': [
          {
            nft_id: [creditId],
            // Lit's format: the address without 0x, as given (nodes compare it in any case).
            delegate_to: [walletAddress.slice(2)],
            uses: '3',
          },
        ],
      },
    });
  });

  it('puts the delegation in every request’s capabilities before the session’s own, as Lit’s SDK does', async () => {
    const record = await recordOf('https://credit.example');
    const sigs = await mintSessionSigs(record, [execution], await currentNetwork(), Date.now());
    for (const url of network.nodeUrls) {
      const signed = JSON.parse(sigs![url]!.signedMessage) as { capabilities: unknown[] };
      expect(signed.capabilities).toEqual([record.capacityDelegation!.authSig, record.capability]);
    }
  });

  it('with --rate-limit: exactly `uses` calls go through; a session without a credit is refused', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await run('https://credit.example'));
    expect(results).toEqual(['ok', 'ok', 'ok', 'rate_limit_exceeded']);

    const origin = 'https://nocredit.example';
    const asking = handleGetSessionSigs(
      { resourceAbilityRequests: [execution] },
      context(origin),
      'n1',
    );
    expect(await decide(await waitingOne(), approval({ pkpSigning: 'allow' }))).toEqual({
      outcome: 'approved',
    });
    await asking;
    const record = await recordOf(origin);
    expect(record.pkpSigning).toBe('allow');
    expect(record.capacityDelegation).toBeUndefined();
    expect(await run(origin)).toBe('rate_limit_exceeded');
  });

  it('a PKP session gets the credit delegated to the PKP’s address, and the nodes accept it', async () => {
    const pkp = await mintDevnetPkp(devnet.rpcUrl, walletAddress);
    const origin = 'https://pkp-credit.example';
    const asking = handleGetPkpSessionSigs(
      { pkpPublicKey: pkp.publicKey, resourceAbilityRequests: [execution] },
      context(origin),
      'p1',
    );
    expect(
      await decide(
        await waitingOne(),
        approval({ capacityCredit: { tokenId: creditId, uses: 1 } }),
      ),
    ).toEqual({ outcome: 'approved' });
    await asking;
    const record = await recordOf(origin);
    expect(record.address).toBe(pkp.address);
    const delegation = parseSiweMessage(record.capacityDelegation!.authSig.signedMessage);
    const recap = Buffer.from(delegation.resources!.at(-1)!.replace('urn:recap:', ''), 'base64url');
    expect(recap.toString()).toContain(`"delegate_to":["${pkp.address.slice(2)}"]`);
    expect([await run(origin), await run(origin)]).toEqual(['ok', 'rate_limit_exceeded']);
  });
});
