// Isolated-world relay between the page's `window.lit` and the service worker. Built as one
// synchronous IIFE so it listens from document_start, before the page can send anything.
// It adds nothing to a request: the worker learns the page's origin from the browser.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  CONTENT_SOURCE,
  INPAGE_SOURCE,
  PROVIDER_PORT_NAME,
  ProviderErrorCode,
  inpageToContentSchema,
  tabEventSchema,
  workerToContentSchema,
  type ContentToInpage,
  type ContentToWorker,
  type WalletResponse,
} from '../messages';
import { overJsonLimits, oversizeMessage } from '../request-limits';

/** Times a request is re-sent after the worker went away before the page is told 4900. */
const MAX_ATTEMPTS = 3;

interface InFlight {
  message: ContentToWorker;
  attempts: number;
}

const inFlight = new Map<string, InFlight>();
let port: Runtime.Port | null = null;
/** The Port each wallet request came on: its answer goes back there or nowhere. */
const walletPorts = new Map<string, Runtime.Port | null>();

function toPage(message: ContentToInpage): void {
  window.postMessage(message, '/');
}

function failToPage(
  id: string,
  message: string,
  code: ProviderErrorCode = ProviderErrorCode.disconnected,
): void {
  inFlight.delete(id);
  toPage({ source: CONTENT_SOURCE, type: 'response', id, error: { code, message } });
}

function onWorkerMessage(raw: unknown): void {
  const parsed = workerToContentSchema.safeParse(raw);
  if (!parsed.success) {
    console.error('Lit Companion: dropped a malformed message from the worker', parsed.error);
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'walletRequest') {
    // The worker asks the page's own wallet (through the provider) to sign; it checks the answer.
    walletPorts.set(msg.id, port);
    toPage({ source: CONTENT_SOURCE, type: 'walletRequest', id: msg.id, request: msg.request });
    return;
  }
  if (!inFlight.delete(msg.id)) return;
  toPage({ source: CONTENT_SOURCE, ...msg });
}

/** The worker was stopped or restarted: its Port is gone, so re-send what it never answered. */
function onDisconnect(): void {
  port = null;
  // That worker is gone, and with it whatever waited for the page's wallet.
  walletPorts.clear();
  for (const [id, entry] of inFlight) {
    if (entry.attempts >= MAX_ATTEMPTS) failToPage(id, 'Lit Companion stopped answering');
    else deliver(entry);
  }
}

function connect(): Runtime.Port {
  const p = browser.runtime.connect({ name: PROVIDER_PORT_NAME });
  p.onMessage.addListener(onWorkerMessage);
  p.onDisconnect.addListener(onDisconnect);
  return p;
}

/**
 * Why the runtime could not send `message` (it serializes as JSON): a BigInt in it would make
 * `postMessage` throw, which would otherwise read as the extension being gone.
 */
function notJson(message: unknown): string | null {
  try {
    JSON.stringify(message);
    return null;
  } catch {
    return 'Invalid request: it holds a value JSON cannot carry (a BigInt?)';
  }
}

function deliver(entry: InFlight): void {
  entry.attempts++;
  try {
    port ??= connect();
    port.postMessage(entry.message);
  } catch {
    // The extension was reloaded or removed: this relay is orphaned for good.
    failToPage(entry.message.id, 'Lit Companion is not available; reload the page');
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || event.origin !== window.location.origin) return;
  if ((event.data as { source?: unknown } | null)?.source !== INPAGE_SOURCE) return;
  const parsed = inpageToContentSchema.safeParse(event.data);
  if (!parsed.success) return;
  const msg = parsed.data;
  if (msg.type === 'hello') {
    toPage({ source: CONTENT_SOURCE, type: 'ready' });
    return;
  }
  if (msg.type === 'walletResponse') {
    const asked = walletPorts.get(msg.id);
    if (!walletPorts.delete(msg.id) || !asked || asked !== port) return;
    let response: WalletResponse = { type: 'walletResponse', id: msg.id, outcome: msg.outcome };
    // The worker parses a wallet's answer with schemas too: one too large to parse is not sent,
    // and the worker hears that the wallet failed instead of waiting for it.
    const over = overJsonLimits(response);
    if (over) {
      const message = `The wallet's answer is too large: ${over}`;
      response = {
        ...response,
        outcome: { error: { code: ProviderErrorCode.invalidParams, message } },
      };
    }
    try {
      asked.postMessage(response);
    } catch {
      // The worker went away meanwhile; it has given up on this answer.
    }
    return;
  }
  if (inFlight.has(msg.id)) return;
  const message: ContentToWorker = { type: 'request', id: msg.id, request: msg.request };
  // Counted here, in the page's own renderer, and never sent: a message the worker would refuse
  // as too large still costs it the parse of all of it (the worker checks again all the same).
  const tooLarge = oversizeMessage(message) ?? notJson(message);
  if (tooLarge) {
    failToPage(msg.id, tooLarge, ProviderErrorCode.invalidParams);
    return;
  }
  const entry: InFlight = { message, attempts: 0 };
  inFlight.set(msg.id, entry);
  deliver(entry);
});

// Events the worker sends to this document when no Port is open (e.g. a revoke in the popup).
// The worker targets the document; the origin check makes sure it is still the same site.
browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || sender.tab) return;
  const parsed = tabEventSchema.safeParse(raw);
  if (!parsed.success || parsed.data.origin !== window.location.origin) return;
  toPage({
    source: CONTENT_SOURCE,
    type: 'event',
    event: parsed.data.event,
    data: parsed.data.data,
  });
});

// Answers a hello the provider may have sent before this script started listening.
toPage({ source: CONTENT_SOURCE, type: 'ready' });
