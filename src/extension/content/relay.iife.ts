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
  workerToContentSchema,
  type ContentToInpage,
  type ContentToWorker,
} from '../messages';

/** Times a request is re-sent after the worker went away before the page is told 4900. */
const MAX_ATTEMPTS = 3;

interface InFlight {
  message: ContentToWorker;
  attempts: number;
}

const inFlight = new Map<string, InFlight>();
let port: Runtime.Port | null = null;

function toPage(message: ContentToInpage): void {
  window.postMessage(message, '/');
}

function failToPage(id: string, message: string): void {
  inFlight.delete(id);
  toPage({
    source: CONTENT_SOURCE,
    type: 'response',
    id,
    error: { code: ProviderErrorCode.disconnected, message },
  });
}

function onWorkerMessage(raw: unknown): void {
  const parsed = workerToContentSchema.safeParse(raw);
  if (!parsed.success) {
    console.error('Lit Companion: dropped a malformed message from the worker', parsed.error);
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'event') {
    toPage({ source: CONTENT_SOURCE, type: 'event', event: msg.event, data: msg.data });
    return;
  }
  if (!inFlight.delete(msg.id)) return;
  toPage({ source: CONTENT_SOURCE, ...msg });
}

/** The worker was stopped or restarted: its Port is gone, so re-send what it never answered. */
function onDisconnect(): void {
  port = null;
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
  if (inFlight.has(msg.id)) return;
  const entry: InFlight = {
    message: { type: 'request', id: msg.id, request: msg.request },
    attempts: 0,
  };
  inFlight.set(msg.id, entry);
  deliver(entry);
});

// Answers a hello the provider may have sent before this script started listening.
toPage({ source: CONTENT_SOURCE, type: 'ready' });
