// The approval flow: a request that no session covers waits here for the user's decision in the
// approval window. It is written to storage.session before the window opens; the page's
// request (or its re-send after a worker restart) waits on it; the decision settles it.
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../../protocol/bytes';
import { canonicalJson } from '../../protocol/recap';
import {
  MAX_SESSION_MINUTES,
  MIN_SESSION_MINUTES,
  ProviderErrorCode,
  type ApprovalDecision,
  type PageWallet,
  type PendingPurpose,
  type ProviderErrorJson,
  type ProviderMethod,
  type SigningProgress,
} from '../messages';
import { showApprovalWindow } from './approval-window';
import { authorizePkpSession } from './authorize-pkp-session';
import { authorizeSession } from './authorize-session';
import { accountStatus, builtinSigner, unlockAccount } from './builtin-account';
import { assertCreditAttachable } from './capacity-delegation';
import { ProviderRpcError, toProviderError } from './errors';
import type { PageChannel } from './page-channel';
import {
  isOpen,
  listPending,
  outcomeOf,
  purposeOf,
  updatePending,
  type PendingApproval,
  type PendingDetails,
  type Settled,
} from './pending-approvals';
import type { RequestContext } from './request-context';
import type { SessionRecord } from './session-records';
import type { SessionRequest } from './session-request';
import { deleteSessionKeys } from './key-vault';
import { removeSessions, sessionsOfOrigin } from './session-store';

/** Requests of one origin that may wait at once; more get -32005. */
const MAX_OPEN_PER_ORIGIN = 3;
/**
 * Requests of all origins that may wait at once: an entry can hold 256 KiB of action code, and
 * storage.session (10 MB) also keeps the unlocked account, the network and the window.
 */
const MAX_OPEN = 24;
const WALLET_LIST_TIMEOUT_MS = 3000;
const MINUTE_MS = 60_000;
const MIN_SESSION_MS = MIN_SESSION_MINUTES * MINUTE_MS;

const waiters = new Map<string, Set<(outcome: Settled) => void>>();
/** The latest Port to the page of each pending request: its wallet signs, if the user picks it. */
const channels = new Map<string, PageChannel>();

function unwrap(outcome: Settled): string {
  if ('sessionId' in outcome) return outcome.sessionId;
  const { code, message, data } = outcome.error;
  throw new ProviderRpcError(code, message, data);
}

function waitFor(id: string): Promise<Settled> {
  return new Promise((resolve) => {
    let set = waiters.get(id);
    if (!set) waiters.set(id, (set = new Set()));
    set.add(resolve);
  });
}

/**
 * A brokered call's confirmation for the session approved for it. It is queued in the same step
 * that settles the session request: the window closes when its list is empty, so queuing it
 * after would race that close (and a closing window rejects what it showed).
 */
export type FollowUp = (session: SessionRecord) => PendingDetails | null;
/** By pending id; in memory only (after a worker stop the re-sent call queues it itself). */
const followUps = new Map<string, FollowUp>();

/**
 * Settles an open request; its outcome is kept until the request that asked takes it. `next`
 * (an approved session's follow-up) joins the list in the same write. False when the request
 * was no longer open (settled meanwhile: denied, closed, revoked, disconnected).
 */
export async function settle(
  id: string,
  outcome: Settled,
  next?: PendingDetails,
): Promise<boolean> {
  const listening = waiters.get(id);
  const delivered = !!listening && listening.size > 0;
  const settled = await updatePending((list) => {
    const p = list.find((x) => x.id === id);
    if (!p || !isOpen(p)) return { list, value: false };
    const done: PendingApproval =
      'sessionId' in outcome
        ? { ...p, state: 'approved', sessionId: outcome.sessionId }
        : { ...p, state: 'rejected', error: outcome.error };
    done.settledAt = new Date().toISOString();
    const kept = delivered
      ? list.filter((x) => x.id !== id)
      : list.map((x) => (x.id === id ? done : x));
    // The follow-up answers the same page request, so a re-send finds it as it finds its session.
    const queued =
      next?.confirmation && 'sessionId' in outcome
        ? [newEntry(next, next.confirmation.purpose, p, fingerprintOf(next))]
        : [];
    return { list: [...kept, ...queued], value: true };
  });
  followUps.delete(id);
  if (!settled) return false;
  waiters.delete(id);
  channels.delete(id);
  for (const resolve of listening ?? []) resolve(outcome);
  return true;
}

export function rejection(code: ProviderErrorJson['code'], message: string): Settled {
  return { error: { code, message } };
}

async function listPageWallets(page: PageChannel): Promise<PageWallet[]> {
  try {
    return await page.askWallet({ action: 'listWallets' }, WALLET_LIST_TIMEOUT_MS);
  } catch {
    return [];
  }
}

/** 4100 when no wallet the request allows could sign: approval would be impossible. */
async function assertSomeoneCanSign(
  walletSource: PendingApproval['walletSource'],
  pageWallets: PageWallet[],
): Promise<void> {
  const pageOk = walletSource !== 'builtin' && pageWallets.length > 0;
  const builtinOk = walletSource !== 'page' && (await accountStatus()).address !== null;
  if (pageOk || builtinOk) return;
  const why =
    walletSource === 'page'
      ? 'This page has no Ethereum wallet to sign with'
      : walletSource === 'builtin'
        ? 'Lit Companion has no built-in account: create one in its options page'
        : 'No wallet to sign with: use a wallet on this page or create the built-in account';
  throw new ProviderRpcError(ProviderErrorCode.unauthorized, why);
}

async function attach(pending: PendingApproval, page: PageChannel): Promise<string> {
  const outcome = outcomeOf(pending);
  if (outcome) {
    await updatePending((list) => ({ list: list.filter((p) => p.id !== pending.id), value: null }));
    return unwrap(outcome);
  }
  channels.set(pending.id, page);
  // Unregistered once decided: a long-lived page asks for many confirmations.
  const forget = page.onClose(
    () => void cancelWaiting(pending.id, 'The page that asked went away'),
  );
  try {
    const waiting = waitFor(pending.id);
    if (pending.state === 'waiting') await showApprovalWindow();
    return unwrap(await waiting);
  } finally {
    forget();
  }
}

/** What makes a re-send the same request: a request id reused for other params must not ride
 * on an entry the user saw (or approved) for something else. */
function fingerprintOf(what: unknown): string {
  // Through JSON first: absent optional fields (undefined) are no part of what was asked.
  return toHex(sha256(utf8(canonicalJson(JSON.parse(JSON.stringify(what)) as unknown))));
}

/** A new waiting entry for what `details` asks, on behalf of one page request. */
function newEntry(
  details: PendingDetails,
  purpose: PendingPurpose,
  asker: Pick<PendingApproval, 'origin' | 'tabId' | 'requestId'>,
  fingerprint: string,
): PendingApproval {
  return {
    ...details,
    purpose,
    fingerprint,
    id: crypto.randomUUID(),
    origin: asker.origin,
    tabId: asker.tabId,
    requestId: asker.requestId,
    createdAt: new Date().toISOString(),
    shown: false,
    state: 'waiting',
  };
}

/** -32005 when the origin (or everyone together) has as many requests open as allowed. */
function assertRoom(list: readonly PendingApproval[], origin: string): void {
  const open = list.filter(isOpen);
  if (open.filter((p) => p.origin === origin).length >= MAX_OPEN_PER_ORIGIN) {
    throw new ProviderRpcError(
      ProviderErrorCode.rateLimited,
      'Too many requests of this site are waiting for approval',
    );
  }
  if (open.length >= MAX_OPEN) {
    throw new ProviderRpcError(
      ProviderErrorCode.rateLimited,
      'Too many requests are waiting for approval',
    );
  }
}

/**
 * Queues a request of any purpose in the one approval list: a re-send of the same request (same
 * tab, request id, purpose and `what`) waits on its entry; at most 3 of an origin's requests (and
 * 24 in all) are open; the entry is written before the window opens. `what` is what the request
 * asks, as the page sent it. Resolves with the session id it settled with.
 */
export async function enqueue(
  context: RequestContext,
  requestId: string,
  purpose: PendingPurpose,
  what: unknown,
  build: () => Promise<PendingDetails>,
  followUp?: FollowUp,
): Promise<string> {
  const fingerprint = fingerprintOf(what);
  const all = await listPending();
  const again = all.find(
    (p) =>
      p.origin === context.origin &&
      p.tabId === context.tabId &&
      p.requestId === requestId &&
      purposeOf(p) === purpose,
  );
  if (again) {
    // Entries stored before fingerprints existed have none: their re-sends are taken as before.
    if (again.fingerprint !== undefined && again.fingerprint !== fingerprint) {
      throw invalid('This request id belongs to another request that is still open');
    }
    if (followUp) followUps.set(again.id, followUp);
    return attach(again, context.page);
  }
  assertRoom(all, context.origin);
  const pending = newEntry(
    await build(),
    purpose,
    { origin: context.origin, tabId: context.tabId, requestId },
    fingerprint,
  );
  // Written before the window opens: a worker stop from here on loses nothing. The room is
  // checked again in the same step: other requests may have queued while this one was built.
  await updatePending((list) => {
    assertRoom(list, context.origin);
    return { list: [...list, pending], value: null };
  });
  if (followUp) followUps.set(pending.id, followUp);
  return attach(pending, context.page);
}

/**
 * Waits for the user to approve a session for this request; returns the new session's id, or
 * throws the EIP-1193 error the dApp gets (4001 denied or closed). `forMethod`: the brokered
 * call that needs the session (the window says so).
 */
export async function requestApproval(
  context: RequestContext,
  requestId: string,
  params: SessionRequest,
  forMethod?: ProviderMethod,
  followUp?: FollowUp,
): Promise<string> {
  return enqueue(
    context,
    requestId,
    'session',
    { request: params, forMethod: forMethod ?? null },
    async () => {
      const walletSource = params.walletSource ?? null;
      const pageWallets = walletSource === 'builtin' ? [] : await listPageWallets(context.page);
      await assertSomeoneCanSign(walletSource, pageWallets);
      return {
        kind: params.kind,
        ...(forMethod && { forMethod }),
        ...(params.pkp && { pkp: params.pkp }),
        ...(params.litAction && { litAction: params.litAction }),
        resourceAbilityRequests: params.resourceAbilityRequests,
        requestedExpiration: params.expiration ?? null,
        walletSource,
        pageWallets,
      };
    },
    followUp,
  );
}

async function cancelWaiting(id: string, message: string): Promise<void> {
  const p = (await listPending()).find((x) => x.id === id);
  if (p?.state === 'waiting') await settle(id, rejection(ProviderErrorCode.userRejected, message));
}

/** The latest expiration the user may approve for a request. */
export function maxExpirationOf(p: PendingApproval, now = Date.now()): Date {
  const cap = now + MAX_SESSION_MINUTES * MINUTE_MS;
  const asked = p.requestedExpiration ? Date.parse(p.requestedExpiration) : Infinity;
  return new Date(Math.min(cap, asked));
}

export function invalid(message: string): ProviderRpcError {
  return new ProviderRpcError(ProviderErrorCode.invalidParams, message);
}

function checkDecision(p: PendingApproval, d: Extract<ApprovalDecision, { approve: true }>): void {
  const now = Date.now();
  const expiration = Date.parse(d.expiration);
  if (expiration < now + MIN_SESSION_MS) throw invalid('The expiration must be later');
  if (expiration > maxExpirationOf(p, now).getTime() + 1000) {
    throw invalid('The expiration is later than this request allows');
  }
  if (p.walletSource && d.walletSource !== p.walletSource) {
    throw invalid(
      `The site asked to sign with ${p.walletSource === 'page' ? 'its wallet' : 'the built-in account'}`,
    );
  }
  if (d.walletSource === 'page' && !p.pageWallets.some((w) => w.id === d.walletId)) {
    throw invalid('Pick one of the wallets on the page');
  }
}

const cancelled: ProviderErrorJson = {
  code: ProviderErrorCode.userRejected,
  message: 'The request was cancelled while its session was being made',
};

/** How deciding ended: a thrown error leaves the request waiting (the user may try again). */
export type DecideOutcome =
  { outcome: 'approved' | 'denied' } | { outcome: 'failed'; error: ProviderErrorJson };

/** Records how far the nodes are with a request's capability (the window shows it). */
async function reportProgress(id: string, progress: SigningProgress): Promise<void> {
  await updatePending((list) => ({
    list: list.map((x) => (x.id === id && x.state === 'authorizing' ? { ...x, progress } : x)),
    value: null,
  }));
}

/**
 * The user's decision from the approval window. Mistakes the user can fix (a wrong password, an
 * expiration out of range) throw and leave the request waiting; a failure while authorizing ends
 * the request with the error the dApp gets, and `failed` hands it to the window too.
 */
export async function decide(
  pendingId: string,
  decision: ApprovalDecision,
): Promise<DecideOutcome> {
  const p = (await listPending()).find((x) => x.id === pendingId);
  if (!p || p.state !== 'waiting') throw invalid('That request is no longer waiting');
  if (purposeOf(p) !== 'session') throw invalid('That request is a confirmation: use ui_confirm');
  if (!decision.approve) {
    await settle(p.id, rejection(ProviderErrorCode.userRejected, 'The user rejected the request'));
    return { outcome: 'denied' };
  }
  checkDecision(p, decision);
  // A wrong password or a locked account leaves the request waiting: the user may try again.
  // The built-in account signs the session, or the delegation of a credit whatever wallet signs.
  if (decision.walletSource === 'builtin' || decision.capacityCredit) {
    if (decision.password) await unlockAccount(decision.password);
    await builtinSigner();
  }
  await assertCreditAttachable(decision);
  const started = await updatePending((list) => {
    const current = list.find((x) => x.id === p.id);
    if (current?.state !== 'waiting') return { list, value: false };
    return {
      list: list.map((x) => (x.id === p.id ? { ...x, state: 'authorizing' as const } : x)),
      value: true,
    };
  });
  if (!started) throw invalid('That request is no longer waiting');
  try {
    const page = channels.get(p.id);
    const sessionId =
      p.kind === 'wallet'
        ? await authorizeSession(p, decision, page)
        : await authorizePkpSession(p, decision, page, (progress) =>
            reportProgress(p.id, progress),
          );
    const approved = (await sessionsOfOrigin(p.origin)).find((r) => r.id === sessionId);
    const next = approved ? (followUps.get(p.id)?.(approved) ?? undefined) : undefined;
    if (!(await settle(p.id, { sessionId }, next))) {
      // Cancelled while its session was being made (a disconnect or revoke of the origin): the
      // dApp was told no, so the session it would have had goes, key and all.
      await removeSessions((r) => r.id === sessionId);
      if (approved) await deleteSessionKeys([approved.publicKey]);
      return { outcome: 'failed', error: cancelled };
    }
    return { outcome: 'approved' };
  } catch (e) {
    const error = toProviderError(e);
    await settle(p.id, { error });
    return { outcome: 'failed', error };
  }
}

/** The approval window was closed: what it showed is rejected (4001); anything new reopens it. */
export async function approvalWindowClosed(): Promise<void> {
  const open = (await listPending()).filter((p) => p.state === 'waiting');
  for (const p of open.filter((x) => x.shown)) {
    await settle(p.id, rejection(ProviderErrorCode.userRejected, 'The approval window was closed'));
  }
  if (open.some((x) => !x.shown)) await showApprovalWindow();
}

/** Rejects every open request of `origin` (its sessions were revoked or it disconnected). */
export async function rejectPendingOf(origin: string, message: string): Promise<void> {
  for (const p of await listPending()) {
    if (p.origin === origin && isOpen(p)) {
      await settle(p.id, rejection(ProviderErrorCode.userRejected, message));
    }
  }
}

/** The open requests, marked as shown: the window that asked lists them. */
export async function showPending(): Promise<PendingApproval[]> {
  return updatePending((list) => {
    const next = list.map((p) => (isOpen(p) ? { ...p, shown: true } : p));
    return { list: next, value: next.filter(isOpen) };
  });
}

/** Drops outcomes nobody came back for. */
export async function pruneSettled(olderThanMs: number, now = Date.now()): Promise<void> {
  await updatePending((list) => ({
    list: list.filter(
      (p) => isOpen(p) || !p.settledAt || now - Date.parse(p.settledAt) < olderThanMs,
    ),
    value: null,
  }));
}
