// A request cancelled (disconnect, revoke) while its session is being made: the dApp was told no,
// so the session made for it must not survive, record or key.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { SessionRecord } from './session-records';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
// The session is made, then the origin disconnects before the approval settles.
vi.mock('./authorize-session', () => ({
  authorizeSession: async (pending: { origin: string }) => {
    const { addSession } = await import('./session-store');
    const { createSessionKey } = await import('./key-vault');
    const { rejectPendingOf } = await import('./approvals');
    const key = await createSessionKey(pending.origin);
    const record: SessionRecord = {
      id: 'made-meanwhile',
      origin: pending.origin,
      publicKey: key.publicKey,
      authMethod: 'wallet',
      walletSource: 'page',
      address: '0x0000000000000000000000000000000000000001',
      capabilities: [{ resource: 'lit-pkp://*', ability: 'pkp-signing' }],
      issuedAt: new Date().toISOString(),
      expiration: new Date(Date.now() + 3600_000).toISOString(),
      capability: null,
      pageGetsSigs: true,
    };
    await addSession(record);
    await rejectPendingOf(pending.origin, 'Disconnected');
    return record.id;
  },
}));
const { enqueue, decide } = await import('./approvals');
const { allSessions } = await import('./session-store');
const { listVaultEntries } = await import('./key-vault');

describe('a request cancelled while its session is made', () => {
  it('leaves no session and no key, and the window hears it failed', async () => {
    const origin = 'https://cancelled.example';
    const page = {
      open: true,
      onClose: () => () => undefined,
      askWallet: async () => [] as never,
    };
    const asking: Promise<unknown> = enqueue(
      { origin, tabId: 1, page },
      'r1',
      'session',
      { request: 'r1' },
      async () => ({
        kind: 'wallet',
        resourceAbilityRequests: [],
        requestedExpiration: null,
        walletSource: 'page',
        pageWallets: [{ id: 'w1', name: 'Wallet', accounts: [] }],
      }),
    );
    const answer = asking.catch((e: unknown) => e);
    const { listPending } = await import('./pending-approvals');
    await vi.waitFor(async () => expect(await listPending()).toHaveLength(1));
    const [pending] = await listPending();
    const outcome = await decide(pending!.id, {
      approve: true,
      walletSource: 'page',
      walletId: 'w1',
      expiration: new Date(Date.now() + 3600_000).toISOString(),
    } as never);
    expect(outcome).toMatchObject({ outcome: 'failed', error: { code: 4001 } });
    expect(await answer).toMatchObject({ code: 4001, message: 'Disconnected' });
    expect((await allSessions()).filter((r) => r.origin === origin)).toEqual([]);
    expect(await listVaultEntries(origin)).toEqual([]);
  });
});
