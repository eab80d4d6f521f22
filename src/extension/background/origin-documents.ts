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
/** Documents with an open Port now, by key: the last to be dropped when a list is full. */
const connected = new Map<string, number>();
const inTurn = serialized();
const refKey = (origin: string, d: DocumentRef) =>
  `${origin} ${d.tabId} ${d.documentId ?? `frame:${d.frameId ?? 0}`}`;
const refOf = (context: RequestContext): DocumentRef => ({
  tabId: context.tabId,
  ...(context.documentId ? { documentId: context.documentId } : {}),
  ...(context.frameId !== undefined ? { frameId: context.frameId } : {}),
});

async function load(): Promise<Documents> {
  const stored = (await browser.storage.session.get(DOCUMENTS_KEY))[DOCUMENTS_KEY];
  return stored && typeof stored === 'object' ? (stored as Documents) : {};
}

/**
 * The origin's list with `ref` added last. The provider runs in top frames only, so a tab has one
 * document at a time: the tab's earlier ones are gone. Past the cap the oldest go first, but not
 * one whose Port is open (a tab left open while the site was loaded 50 times elsewhere still
 * hears a revoke). Whatever is dropped is forgotten by `known`, so it is remembered again if it
 * comes back (from the back/forward cache).
 */
function withDocument(origin: string, list: DocumentRef[], ref: DocumentRef): DocumentRef[] {
  const key = refKey(origin, ref);
  let kept = list.filter((d) => d.tabId !== ref.tabId);
  const excess = kept.length + 1 - MAX_DOCUMENTS_PER_ORIGIN;
  if (excess > 0) {
    const closed = kept.filter((d) => !connected.has(refKey(origin, d)));
    const dropped = new Set(closed.slice(0, excess));
    // All of them open (50 live tabs of one origin): the oldest go after all.
    kept = kept.filter((d) => !dropped.has(d)).slice(-(MAX_DOCUMENTS_PER_ORIGIN - 1));
  }
  for (const d of list) {
    const k = refKey(origin, d);
    if (k !== key && !kept.includes(d)) known.delete(k);
  }
  return [...kept, ref];
}

/** Notes that the document has an open Port, until the returned function is called. */
export function documentConnected(context: RequestContext): () => void {
  const key = refKey(context.origin, refOf(context));
  connected.set(key, (connected.get(key) ?? 0) + 1);
  let left = false;
  return () => {
    if (left) return;
    left = true;
    const open = (connected.get(key) ?? 1) - 1;
    if (open > 0) connected.set(key, open);
    else connected.delete(key);
  };
}

/** Remembers the document a request came from (written once per worker lifetime). */
export async function rememberDocument(context: RequestContext): Promise<void> {
  const ref = refOf(context);
  const key = refKey(context.origin, ref);
  if (known.has(key)) return;
  known.add(key);
  await inTurn(async () => {
    const docs = await load();
    docs[context.origin] = withDocument(context.origin, docs[context.origin] ?? [], ref);
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
