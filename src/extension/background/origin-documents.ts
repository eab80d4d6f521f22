// Which documents of each origin talk to the worker, so events reach them, and only them, even
// when no Port is open (a revoke in the popup). Kept in storage.session to survive a worker stop.
import browser from 'webextension-polyfill';
import type { ProviderEvents, TabEvent } from '../messages';
import type { RequestContext } from './request-context';
import { serialized } from './serial';

const DOCUMENTS_KEY = 'lit-companion:documents';
const MAX_DOCUMENTS_PER_ORIGIN = 50;

interface DocumentRef {
  tabId: number;
  documentId?: string;
  frameId?: number;
}
type Documents = Record<string, DocumentRef[]>;

const known = new Set<string>();
const inTurn = serialized();
const refKey = (origin: string, d: DocumentRef) =>
  `${origin} ${d.tabId} ${d.documentId ?? `frame:${d.frameId ?? 0}`}`;

async function load(): Promise<Documents> {
  const stored = (await browser.storage.session.get(DOCUMENTS_KEY))[DOCUMENTS_KEY];
  return stored && typeof stored === 'object' ? (stored as Documents) : {};
}

/** Remembers the document a request came from (once per worker lifetime). */
export async function rememberDocument(context: RequestContext): Promise<void> {
  const ref: DocumentRef = {
    tabId: context.tabId,
    ...(context.documentId ? { documentId: context.documentId } : {}),
    ...(context.frameId !== undefined ? { frameId: context.frameId } : {}),
  };
  const key = refKey(context.origin, ref);
  if (known.has(key)) return;
  known.add(key);
  await inTurn(async () => {
    const docs = await load();
    const list = (docs[context.origin] ?? []).filter((d) => refKey(context.origin, d) !== key);
    docs[context.origin] = [...list, ref].slice(-MAX_DOCUMENTS_PER_ORIGIN);
    await browser.storage.session.set({ [DOCUMENTS_KEY]: docs });
  });
}

/** Sends an event to every known document of `origin`; documents that are gone are forgotten. */
export async function notifyOrigin<E extends keyof ProviderEvents>(
  origin: string,
  event: E,
  data: ProviderEvents[E],
): Promise<void> {
  const docs = await load();
  const list = docs[origin] ?? [];
  const message: TabEvent = { type: 'lit-companion:event', origin, event, data };
  const gone = new Set<DocumentRef>();
  await Promise.all(
    list.map(async (d) => {
      const target = d.documentId ? { documentId: d.documentId } : { frameId: d.frameId ?? 0 };
      try {
        await browser.tabs.sendMessage(d.tabId, message, target as { frameId?: number });
      } catch {
        gone.add(d);
      }
    }),
  );
  if (gone.size === 0) return;
  const goneKeys = new Set([...gone].map((d) => refKey(origin, d)));
  for (const k of goneKeys) known.delete(k);
  await inTurn(async () => {
    const fresh = await load();
    fresh[origin] = (fresh[origin] ?? []).filter((d) => !goneKeys.has(refKey(origin, d)));
    await browser.storage.session.set({ [DOCUMENTS_KEY]: fresh });
  });
}
