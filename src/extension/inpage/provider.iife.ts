// The `window.lit` provider, injected into the page's MAIN world at document_start as one
// synchronous IIFE, so it exists before the page's first script runs. It only shapes calls
// and carries them to the content script; every decision is made in the service worker.
import type {
  ContentToInpage,
  InpageToContent,
  ProviderErrorCode,
  ProviderErrorJson,
  ProviderEventName,
  ProviderParams,
} from '../messages';
import { providerInfo } from './provider-info';
import { answerWalletRequest } from './page-wallets';

// Captured before any page script runs, so later monkey-patching cannot redirect our traffic.
const postToWindow = window.postMessage.bind(window);
const listen = window.addEventListener.bind(window);
const dispatch = window.dispatchEvent.bind(window);
const randomUUID = crypto.randomUUID.bind(crypto);
const INPAGE_SOURCE: InpageToContent['source'] = 'lit-companion:inpage';
const CONTENT_SOURCE: ContentToInpage['source'] = 'lit-companion:content';
const INVALID_PARAMS: ProviderErrorCode = -32602;
const DISCONNECTED: ProviderErrorCode = 4900;
/** How long to wait for the content script's hello before failing queued requests. */
const RELAY_TIMEOUT_MS = 10_000;

/** An EIP-1193 `ProviderRpcError`: an Error with `code` and optional `data`. */
class ProviderRpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor({ code, message, data }: ProviderErrorJson) {
    super(message);
    this.name = 'ProviderRpcError';
    this.code = code;
    this.data = data;
  }
}

type Listener = (data: unknown) => void;
const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
const listeners = new Map<string, Set<Listener>>();
let relayReady = false;
const queued: InpageToContent[] = [];

function send(message: InpageToContent): void {
  if (relayReady || message.type === 'hello') postToWindow(message, '/');
  else queued.push(message);
}

function settle(id: string, outcome: { result: unknown } | { error: ProviderErrorJson }): void {
  const waiter = pending.get(id);
  if (!waiter) return;
  pending.delete(id);
  if ('error' in outcome) waiter.reject(new ProviderRpcError(outcome.error));
  else waiter.resolve(outcome.result);
}

listen('message', (event: MessageEvent) => {
  if (event.source !== window) return;
  const msg = event.data as
    | {
        [
          K in 'source' | 'type' | 'id' | 'result' | 'error' | 'event' | 'data' | 'request'
        ]?: unknown;
      }
    | null;
  if (typeof msg !== 'object' || msg === null || msg.source !== CONTENT_SOURCE) return;
  if (msg.type === 'ready') {
    if (relayReady) return;
    relayReady = true;
    for (const m of queued.splice(0)) postToWindow(m, '/');
  } else if (msg.type === 'response' && typeof msg.id === 'string') {
    settle(msg.id, msg.error ? { error: msg.error as ProviderErrorJson } : { result: msg.result });
  } else if (msg.type === 'walletRequest' && typeof msg.id === 'string') {
    const id = msg.id;
    void answerWalletRequest((msg as { request?: unknown }).request).then((outcome) =>
      postToWindow({ source: INPAGE_SOURCE, type: 'walletResponse', id, outcome }, '/'),
    );
  } else if (msg.type === 'event' && typeof msg.event === 'string') {
    for (const fn of listeners.get(msg.event) ?? []) {
      try {
        fn(msg.data);
      } catch (e) {
        console.error('window.lit: a listener threw', e);
      }
    }
  }
});

function invalid(message: string): Promise<never> {
  return Promise.reject(new ProviderRpcError({ code: INVALID_PARAMS, message }));
}

/** EIP-1193 `request`: checks the call's shape here; the worker validates everything again. */
function request(args: unknown): Promise<unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return invalid('Expected one argument: { method, params? }');
  }
  const { method, params } = args as { method?: unknown; params?: unknown };
  if (typeof method !== 'string' || method.length === 0) {
    return invalid('"method" must be a non-empty string');
  }
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    return invalid('"params" must be an object or an array');
  }
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    try {
      send({ source: INPAGE_SOURCE, type: 'request', id, request: { method, params } });
    } catch {
      // postMessage throws DataCloneError for functions, DOM nodes and the like.
      pending.delete(id);
      reject(
        new ProviderRpcError({ code: INVALID_PARAMS, message: '"params" must be plain data' }),
      );
    }
  });
}

function on(event: ProviderEventName, fn: Listener): typeof provider {
  if (typeof fn !== 'function') throw new TypeError('window.lit.on: listener must be a function');
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(fn);
  return provider;
}

function off(event: ProviderEventName, fn: Listener): typeof provider {
  listeners.get(event)?.delete(fn);
  return provider;
}

const provider = Object.freeze({
  isLitCompanion: true as const,
  request,
  /** Lit's `getSessionSigs`: SessionSigs for the configured network's nodes. */
  getSessionSigs: (params: ProviderParams<'lit_getSessionSigs'>) =>
    request({ method: 'lit_getSessionSigs', params }),
  /** Lit's `getPkpSessionSigs`: the nodes sign for the PKP once the user's wallet authenticates. */
  getPkpSessionSigs: (params: ProviderParams<'lit_getPkpSessionSigs'>) =>
    request({ method: 'lit_getPkpSessionSigs', params }),
  /** Lit's `getLitActionSessionSigs`: the same, when the Lit Action says yes. */
  getLitActionSessionSigs: (params: ProviderParams<'lit_getLitActionSessionSigs'>) =>
    request({ method: 'lit_getLitActionSessionSigs', params }),
  /** Lit's `disconnectWeb3`, except that every session key of this site goes too. */
  disconnectWeb3: () => request({ method: 'lit_disconnect' }),
  on,
  off,
  removeListener: off,
});

if (!Object.hasOwn(window, 'lit')) {
  Object.defineProperty(window, 'lit', { value: provider, enumerable: true });
}

// The EIP-6963 pattern under a Lit name: announce now and whenever a dApp asks.
const detail = Object.freeze({ info: providerInfo(randomUUID()), provider });
const announce = () => dispatch(new CustomEvent('lit:announceProvider', { detail }));
listen('lit:requestProvider', announce);
announce();

send({ source: INPAGE_SOURCE, type: 'hello' });
setTimeout(() => {
  if (relayReady) return;
  for (const m of queued.splice(0)) {
    if (m.type === 'request') {
      settle(m.id, {
        error: { code: DISCONNECTED, message: 'Lit Companion is not responding on this page' },
      });
    }
  }
}, RELAY_TIMEOUT_MS);
