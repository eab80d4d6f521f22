// The worker's line to one page over its Port: the way to ask that page's own Ethereum wallet
// (through the content script and the inpage provider). Every answer is validated here; the
// signature itself is checked by whoever asked.
import type { Runtime } from 'webextension-polyfill';
import {
  ProviderErrorCode,
  walletResponseSchema,
  walletResultSchemas,
  type WalletRequest,
  type WalletResults,
  type WorkerToContent,
} from '../messages';
import { overJsonLimits } from '../request-limits';
import { ProviderRpcError } from './errors';

export interface PageChannel {
  /** Asks the page's wallet; rejects with an EIP-1193 error (4001 when the user refused there). */
  askWallet<R extends WalletRequest>(
    request: R,
    timeoutMs: number,
  ): Promise<WalletResults[R['action']]>;
  /** False once the page (or this worker's Port to it) is gone. */
  readonly open: boolean;
  /** Runs `fn` when the page goes away; the returned function unregisters it. */
  onClose(fn: () => void): () => void;
}

interface Waiter {
  action: WalletRequest['action'];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface PortChannel extends PageChannel {
  /** Feeds a `walletResponse` that arrived on the Port. */
  receive(raw: unknown): void;
}

export function portChannel(port: Runtime.Port): PortChannel {
  const waiting = new Map<string, Waiter>();
  const closers = new Set<() => void>();
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
    for (const [id, w] of waiting) {
      clearTimeout(w.timer);
      waiting.delete(id);
      w.reject(new ProviderRpcError(ProviderErrorCode.disconnected, 'The page went away'));
    }
    for (const fn of closers) fn();
  });

  return {
    get open() {
      return open;
    },
    onClose(fn) {
      if (!open) fn();
      else closers.add(fn);
      return () => closers.delete(fn);
    },
    askWallet(request, timeoutMs) {
      if (!open) {
        return Promise.reject(
          new ProviderRpcError(ProviderErrorCode.disconnected, 'The page went away'),
        );
      }
      const id = crypto.randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(
            new ProviderRpcError(
              ProviderErrorCode.disconnected,
              "The page's wallet did not answer",
            ),
          );
        }, timeoutMs);
        waiting.set(id, {
          action: request.action,
          resolve: resolve as (value: unknown) => void,
          reject,
          timer,
        });
        const message: WorkerToContent = { type: 'walletRequest', id, request };
        port.postMessage(message);
      });
    },
    receive(raw) {
      // The schemas below read every key and item before any limit: an answer over the request
      // limits is refused unread (the relay already sends a wallet error in its place).
      if (overJsonLimits(raw)) {
        const id = (raw as { id?: unknown }).id;
        const w = typeof id === 'string' ? waiting.get(id) : undefined;
        if (!w) return;
        waiting.delete(id as string);
        clearTimeout(w.timer);
        w.reject(
          new ProviderRpcError(ProviderErrorCode.internal, "The page's wallet answered too much"),
        );
        return;
      }
      const parsed = walletResponseSchema.safeParse(raw);
      if (!parsed.success) return;
      const { id, outcome } = parsed.data;
      const w = waiting.get(id);
      if (!w) return;
      waiting.delete(id);
      clearTimeout(w.timer);
      if ('error' in outcome) {
        const refused = outcome.error.code === ProviderErrorCode.userRejected;
        w.reject(
          new ProviderRpcError(
            refused ? ProviderErrorCode.userRejected : ProviderErrorCode.internal,
            refused ? 'The wallet refused to sign' : "The page's wallet failed",
            { walletError: outcome.error },
          ),
        );
        return;
      }
      const result = walletResultSchemas[w.action].safeParse(outcome.result);
      if (!result.success) {
        w.reject(
          new ProviderRpcError(ProviderErrorCode.internal, "The page's wallet answered nonsense"),
        );
        return;
      }
      w.resolve(result.data);
    },
  };
}
