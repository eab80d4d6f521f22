import { describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { portChannel } from './page-channel';

function fakePort() {
  const posted: { id: string; request: unknown }[] = [];
  let disconnect = () => {};
  const port = {
    postMessage: (m: { id: string; request: unknown }) => posted.push(m),
    onDisconnect: { addListener: (fn: () => void) => (disconnect = fn) },
  } as unknown as Runtime.Port;
  return { port, posted, disconnect: () => disconnect() };
}
const sig = '0x' + '11'.repeat(65);

describe('page channel', () => {
  it('accepts only answers of the expected shape, to requests it sent', async () => {
    const { port, posted } = fakePort();
    const channel = portChannel(port);
    const signing = channel.askWallet(
      { action: 'personalSign', walletId: 'w', message: 'm', address: '0x' + '22'.repeat(20) },
      1000,
    );
    channel.receive({ type: 'walletResponse', id: 'not-asked', outcome: { result: sig } });
    channel.receive({ type: 'walletResponse', id: posted[0]!.id, outcome: { result: sig } });
    expect(await signing).toBe(sig);

    const nonsense = channel.askWallet(
      { action: 'personalSign', walletId: 'w', message: 'm', address: '0x' + '22'.repeat(20) },
      1000,
    );
    channel.receive({
      type: 'walletResponse',
      id: posted[1]!.id,
      outcome: { result: 'not a signature' },
    });
    await expect(nonsense).rejects.toMatchObject({ code: -32603 });
  });

  it("maps the wallet's refusal to 4001, other wallet errors to -32603, and a gone page to 4900", async () => {
    const { port, posted, disconnect } = fakePort();
    const channel = portChannel(port);
    const refused = channel.askWallet({ action: 'requestAccounts', walletId: 'w' }, 1000);
    channel.receive({
      type: 'walletResponse',
      id: posted[0]!.id,
      outcome: { error: { code: 4001, message: 'no' } },
    });
    await expect(refused).rejects.toMatchObject({ code: 4001 });
    const failed = channel.askWallet({ action: 'requestAccounts', walletId: 'w' }, 1000);
    channel.receive({
      type: 'walletResponse',
      id: posted[1]!.id,
      outcome: { error: { code: -32000, message: 'x' } },
    });
    await expect(failed).rejects.toMatchObject({ code: -32603 });
    const late = channel.askWallet({ action: 'listWallets' }, 1000);
    disconnect();
    await expect(late).rejects.toMatchObject({ code: 4900 });
    expect(channel.open).toBe(false);
    await expect(channel.askWallet({ action: 'listWallets' }, 1000)).rejects.toMatchObject({
      code: 4900,
    });
  });

  it('gives up on a wallet that never answers', async () => {
    const channel = portChannel(fakePort().port);
    await expect(channel.askWallet({ action: 'listWallets' }, 20)).rejects.toMatchObject({
      code: 4900,
    });
  });

  it('refuses an answer over the request limits without parsing it', async () => {
    const { port, posted } = fakePort();
    const channel = portChannel(port);
    const listing = channel.askWallet({ action: 'listWallets' }, 1000);
    // Every read of the items counted: the answer's schema would read all 70k of them.
    let reads = 0;
    const items = new Proxy(
      Array.from({ length: 70_000 }, () => ({ id: 'w', name: 'w', accounts: [] })),
      {
        get(target, key, receiver) {
          if (key !== 'length') reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    channel.receive({ type: 'walletResponse', id: posted[0]!.id, outcome: { result: items } });
    await expect(listing).rejects.toMatchObject({
      code: -32603,
      message: "The page's wallet answered too much",
    });
    expect(reads).toBe(0);
  });

  it('runs the close handlers at close, except those unregistered', () => {
    const { port, disconnect } = fakePort();
    const channel = portChannel(port);
    const ran: string[] = [];
    channel.onClose(() => ran.push('kept'));
    const forget = channel.onClose(() => ran.push('forgotten'));
    forget();
    disconnect();
    expect(ran).toEqual(['kept']);
    channel.onClose(() => ran.push('after'));
    expect(ran).toEqual(['kept', 'after']);
  });
});
