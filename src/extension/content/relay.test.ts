import { beforeEach, describe, expect, it, vi } from 'vitest';

// The relay runs on import against `window` and the extension runtime: both stand-ins here.
const ORIGIN = 'https://dapp.example';
const toPage: unknown[] = [];
const toWorker: unknown[] = [];
let onPageMessage: (event: MessageEvent) => void = () => undefined;
let onWorkerMessage: (message: unknown) => void = () => undefined;
const fakeWindow = {
  location: { origin: ORIGIN },
  postMessage: (message: unknown) => toPage.push(message),
  addEventListener: (type: string, fn: (event: MessageEvent) => void) => {
    if (type === 'message') onPageMessage = fn;
  },
};
vi.stubGlobal('window', fakeWindow);
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'extension-id',
      connect: () => ({
        postMessage: (message: unknown) => toWorker.push(message),
        onMessage: { addListener: (fn: (m: unknown) => void) => (onWorkerMessage = fn) },
        onDisconnect: { addListener: () => undefined },
      }),
      onMessage: { addListener: () => undefined },
    },
  },
}));
await import('./relay.iife');

function fromPage(data: unknown): void {
  onPageMessage({ source: fakeWindow, origin: ORIGIN, data } as unknown as MessageEvent);
}
const bigParams = { code: 'x', jsParams: { bytes: Array.from({ length: 70_000 }, () => 0) } };

describe('relay', () => {
  beforeEach(() => {
    toPage.length = 0;
    toWorker.length = 0;
  });

  it('forwards a request to the worker as it came', () => {
    const request = { method: 'lit_executeJs', params: { code: 'x', jsParams: { n: 1 } } };
    fromPage({ source: 'lit-companion:inpage', type: 'request', id: 'a', request });
    expect(toWorker).toEqual([{ type: 'request', id: 'a', request }]);
    expect(toPage).toEqual([]);
  });

  it('answers a request over the limits -32602 itself, and never sends it', () => {
    const request = { method: 'lit_executeJs', params: bigParams };
    fromPage({ source: 'lit-companion:inpage', type: 'request', id: 'b', request });
    expect(toWorker).toEqual([]);
    expect(toPage).toEqual([
      {
        source: 'lit-companion:content',
        type: 'response',
        id: 'b',
        error: { code: -32602, message: 'Request too large: more than 65536 values' },
      },
    ]);
    // The id is free again: the same id with a request of normal size goes through.
    fromPage({
      source: 'lit-companion:inpage',
      type: 'request',
      id: 'b',
      request: { method: 'x' },
    });
    expect(toWorker).toEqual([{ type: 'request', id: 'b', request: { method: 'x' } }]);
  });

  it('answers a request JSON cannot carry (a BigInt) -32602, not "reload the page"', () => {
    const request = { method: 'lit_pkpSign', params: { pubKey: '0x04', toSign: 1n } };
    fromPage({ source: 'lit-companion:inpage', type: 'request', id: 'big', request });
    expect(toWorker).toEqual([]);
    expect(toPage).toEqual([
      {
        source: 'lit-companion:content',
        type: 'response',
        id: 'big',
        error: {
          code: -32602,
          message: 'Invalid request: it holds a value JSON cannot carry (a BigInt?)',
        },
      },
    ]);
  });

  it("turns a wallet's answer over the limits into a wallet error for the worker", () => {
    for (const [id, result] of [
      ['w1', bigParams],
      ['w2', '0xsignature'],
    ] as const) {
      onWorkerMessage({ type: 'walletRequest', id, request: { action: 'listWallets' } });
      fromPage({
        source: 'lit-companion:inpage',
        type: 'walletResponse',
        id,
        outcome: { result },
      });
    }
    expect(toWorker).toEqual([
      {
        type: 'walletResponse',
        id: 'w1',
        outcome: {
          error: {
            code: -32602,
            message: "The wallet's answer is too large: more than 65536 values",
          },
        },
      },
      { type: 'walletResponse', id: 'w2', outcome: { result: '0xsignature' } },
    ]);
  });
});
