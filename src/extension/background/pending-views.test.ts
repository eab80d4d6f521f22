// The approval window's view of a pending session request: its limit does not drift between
// reads, and each capability's nota bene (signed into the ReCap) is shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PendingApproval } from './pending-approvals';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { toPendingView } = await import('./pending-views');

const created = Date.parse('2026-05-01T12:00:00Z');
const DAY = 24 * 3_600_000;

const pending = (over: Partial<PendingApproval> = {}): PendingApproval => ({
  id: 'p1',
  origin: 'https://dapp.example',
  tabId: 1,
  requestId: 'r1',
  kind: 'wallet',
  resourceAbilityRequests: [
    { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
  ],
  requestedExpiration: null,
  walletSource: null,
  pageWallets: [],
  createdAt: new Date(created).toISOString(),
  shown: false,
  state: 'waiting',
  ...over,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('toPendingView', () => {
  it('pins an open-ended request’s limit to 30 days from its creation, read after read', () => {
    vi.useFakeTimers({ now: created + 1_000 });
    const first = toPendingView(pending()).maxExpiration;
    vi.setSystemTime(created + 90_000);
    expect(toPendingView(pending()).maxExpiration).toBe(first);
    expect(first).toBe(new Date(created + 30 * DAY).toISOString());
  });

  it('keeps the site’s own expiration when it is sooner', () => {
    vi.useFakeTimers({ now: created + 1_000 });
    const asked = new Date(created + DAY).toISOString();
    expect(toPendingView(pending({ requestedExpiration: asked })).maxExpiration).toBe(asked);
  });

  it('shows each capability’s data as indented JSON, null when there is none', () => {
    const view = toPendingView(
      pending({
        resourceAbilityRequests: [
          {
            resource: { resource: '*', resourcePrefix: 'lit-pkp' },
            ability: 'pkp-signing',
            data: { chain: 'ethereum', max: 5 },
          },
          {
            resource: { resource: '*', resourcePrefix: 'lit-litaction' },
            ability: 'lit-action-execution',
          },
        ],
      }),
    );
    expect(view.capabilities.map((c) => c.data)).toEqual([
      '{\n  "chain": "ethereum",\n  "max": 5\n}',
      null,
    ]);
  });
});
