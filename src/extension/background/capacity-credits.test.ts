// Capacity credits as the options page sees them, against a real devnet: the built-in account's
// credits read from the chain's RateLimitNFT, minting one through the admin API (read back from
// the chain before it is believed), and what a wrong network or a lying answer gets.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { privateKeySigner } from '../../protocol/ethereum';
import { spawnTestDevnet, type TestDevnet } from './test-devnet';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { EXTENSION_ID, EXTENSION_ORIGIN, fakeBrowser } = await import('./test-browser');
const { handleInternalMessage } = await import('./internal-messages');
const { listCredits, ownedCredit, MAX_LISTED_CREDITS } = await import('./capacity-credits');
const { SETTINGS_KEY } = await import('./settings');

const options = {
  id: EXTENSION_ID,
  url: `${EXTENSION_ORIGIN}/src/extension/ui/options/index.html`,
};
const ask = (message: unknown) => handleInternalMessage(message, options);
const other = await privateKeySigner(new Uint8Array(32).fill(9)).getAddress();
const DAY_S = 86_400;

let devnet: TestDevnet;
const realFetch = globalThis.fetch;

async function adminMint(owner: string, requestsPerKilosecond: number): Promise<string> {
  const response = await realFetch(`${devnet.rpcUrl}/devnet/capacity/mint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      owner,
      requestsPerKilosecond,
      expiresAt: Math.floor(Date.now() / 1000) + DAY_S,
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { tokenId: string }).tokenId;
}

beforeAll(async () => {
  devnet = await spawnTestDevnet();
  await fakeBrowser.storage.local.set({
    [SETTINGS_KEY]: { rpcUrl: devnet.rpcUrl, defaultSessionMinutes: 60 },
  });
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});
afterEach(() => vi.unstubAllGlobals());

describe('ui_listCredits and ui_mintCredit', () => {
  it('without a built-in account: no owner, no credits, and minting is refused with 4100', async () => {
    expect(await ask({ type: 'ui_listCredits' })).toEqual({
      ok: true,
      result: { owner: null, credits: [], devnet: true },
    });
    expect(await ask({ type: 'ui_mintCredit', requestsPerKilosecond: 10, days: 1 })).toEqual({
      ok: false,
      error: { code: 4100, message: 'There is no built-in account: create one first' },
    });
  });

  it('mints credits for the built-in account and lists exactly its own, in token order', async () => {
    const created = await ask({ type: 'ui_createAccount', password: 'correct horse battery' });
    const owner = (created as { result: { address: string } }).result.address;
    const before = Date.now();
    const first = await ask({ type: 'ui_mintCredit', requestsPerKilosecond: 100, days: 30 });
    expect(first).toMatchObject({ ok: true, result: { requestsPerKilosecond: 100 } });
    const credit = (first as { result: { tokenId: string; expiresAt: string } }).result;
    expect(credit.tokenId).toMatch(/^[1-9][0-9]*$/);
    const lasts = Date.parse(credit.expiresAt) - before;
    expect(lasts).toBeGreaterThan(30 * DAY_S * 1000 - 2000);
    expect(lasts).toBeLessThanOrEqual(30 * DAY_S * 1000);

    const othersCredit = await adminMint(other, 5);
    const second = await ask({ type: 'ui_mintCredit', requestsPerKilosecond: 7, days: 1 });
    const listed = await ask({ type: 'ui_listCredits' });
    expect(listed).toEqual({
      ok: true,
      result: {
        owner,
        devnet: true,
        credits: [credit, (second as { result: unknown }).result],
      },
    });
    expect(JSON.stringify(listed)).not.toContain(`"tokenId":"${othersCredit}"`);
    expect(await ownedCredit(devnet.rpcUrl, owner, othersCredit)).toBeNull();
    expect(await ownedCredit(devnet.rpcUrl, other, othersCredit)).toMatchObject({
      tokenId: othersCredit,
      requestsPerKilosecond: 5,
    });
  });

  it('leaves expired credits out', async () => {
    const tokenId = await adminMint(other, 3);
    expect((await listCredits(devnet.rpcUrl, other)).map((c) => c.tokenId)).toContain(tokenId);
    const inTwoDays = Date.now() + 2 * DAY_S * 1000;
    expect(
      (await listCredits(devnet.rpcUrl, other, inTwoDays)).map((c) => c.tokenId),
    ).not.toContain(tokenId);
    expect(await ownedCredit(devnet.rpcUrl, other, tokenId, inTwoDays)).toBeNull();
  });

  it('refuses a mint answer the chain does not confirm, and minting off the devnet', async () => {
    const othersCredit = await adminMint(other, 5);
    // An admin API that names someone else's credit as the new one.
    vi.stubGlobal('fetch', (input: URL | string, init?: RequestInit) =>
      String(input).endsWith('/devnet/capacity/mint')
        ? Promise.resolve(Response.json({ tokenId: othersCredit }))
        : realFetch(input, init),
    );
    expect(await ask({ type: 'ui_mintCredit', requestsPerKilosecond: 5, days: 1 })).toEqual({
      ok: false,
      error: {
        code: -32603,
        message: `The devnet said it minted credit #${othersCredit}, but the chain does not hold it as asked`,
      },
    });
    vi.unstubAllGlobals();

    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { rpcUrl: 'https://rpc.example.org', defaultSessionMinutes: 60 },
    });
    try {
      expect(await ask({ type: 'ui_mintCredit', requestsPerKilosecond: 5, days: 1 })).toMatchObject(
        { ok: false, error: { code: 4100 } },
      );
    } finally {
      await fakeBrowser.storage.local.set({
        [SETTINGS_KEY]: { rpcUrl: devnet.rpcUrl, defaultSessionMinutes: 60 },
      });
    }
  });

  it('validates the mint request: whole numbers in range', async () => {
    for (const bad of [
      { requestsPerKilosecond: 0, days: 1 },
      { requestsPerKilosecond: 1.5, days: 1 },
      { requestsPerKilosecond: 10, days: 366 },
      { requestsPerKilosecond: 10 },
    ]) {
      expect(await ask({ type: 'ui_mintCredit', ...bad })).toMatchObject({
        ok: false,
        error: { code: -32602 },
      });
    }
  });
});

describe('reading the RateLimitNFT', () => {
  it('4900 when the chain cannot be reached; -32603 when no RateLimitNFT answers there', async () => {
    await expect(listCredits('http://127.0.0.1:1', other)).rejects.toMatchObject({ code: 4900 });
    // A node is no chain: it answers Lit's 404 error JSON.
    await expect(listCredits(devnet.nodeUrls[0]!, other)).rejects.toMatchObject({ code: 4900 });
    vi.stubGlobal('fetch', async () => Response.json({ jsonrpc: '2.0', id: 1, result: '0x' }));
    await expect(listCredits(devnet.rpcUrl, other)).rejects.toMatchObject({
      code: -32603,
      message: expect.stringContaining("did not answer as Lit's RateLimitNFT"),
    });
  });

  it('reads at most MAX_LISTED_CREDITS of a huge balance, and refuses values out of range', async () => {
    const calls: string[] = [];
    const word = (n: bigint) => n.toString(16).padStart(64, '0');
    let capacity = word(10n) + word(2_000_000_000n);
    vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
      const { id, params } = JSON.parse(init.body) as { id: number; params: [{ data: string }] };
      const data = params[0].data;
      calls.push(data.slice(0, 10));
      const result = data.startsWith('0x70a08231') // balanceOf
        ? word(2n ** 256n - 1n)
        : data.startsWith('0x2f745c59') // tokenOfOwnerByIndex: token = index + 1
          ? word(BigInt(`0x${data.slice(-64)}`) + 1n)
          : capacity;
      return Response.json({ jsonrpc: '2.0', id, result: `0x${result}` });
    });
    const credits = await listCredits('http://127.0.0.1:9', other, 0);
    expect(credits).toHaveLength(MAX_LISTED_CREDITS);
    expect(credits[99]).toEqual({
      tokenId: '100',
      requestsPerKilosecond: 10,
      expiresAt: new Date(2_000_000_000_000).toISOString(),
    });
    expect(calls).toHaveLength(1 + 2 * MAX_LISTED_CREDITS);
    capacity = word(2n ** 60n) + word(2_000_000_000n);
    await expect(listCredits('http://127.0.0.1:9', other, 0)).rejects.toMatchObject({
      code: -32603,
    });
  });
});
