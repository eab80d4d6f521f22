// Requests waiting for the user's approval, in storage.session (trusted contexts only, survives a
// worker stop). A request is written here before the approval window opens; once decided, its
// outcome stays until the request that asked (or its re-send after a worker restart) takes it.
import browser from 'webextension-polyfill';
import { PENDING_STORAGE_KEY } from '../storage-keys';
import type {
  ConfirmationView,
  PageWallet,
  PendingPurpose,
  ProviderErrorJson,
  ProviderMethod,
  ResourceAbilityRequest,
  SessionKind,
  SessionPkp,
  SigningProgress,
  WalletSource,
} from '../messages';
import { serialized } from './serial';
import type { SessionRecord } from './session-records';
import type { LitActionRequest } from './session-request';

const PENDING_KEY = PENDING_STORAGE_KEY;

/** What a confirmation asks about, as stored: the view's fields, with the transaction still
 * serialized (the view decodes it) and `jsParams` as given. */
export type PendingConfirmation =
  | (Omit<Extract<ConfirmationView, { purpose: 'confirm-pkp-sign' }>, 'transaction'> & {
      /** The unsigned serialized transaction, 0x hex (its keccak256 is the digest). */
      transaction: string | null;
    })
  | (Omit<Extract<ConfirmationView, { purpose: 'confirm-lit-action' }>, 'jsParams'> & {
      jsParams: Record<string, unknown>;
    });

export interface PendingApproval {
  id: string;
  /** Why it waits; absent in requests stored before confirmations existed: `session`. */
  purpose?: PendingPurpose;
  /** Confirmations: what the user is asked to confirm. */
  confirmation?: PendingConfirmation;
  /** A session asked for by a brokered call: the method that needs it. */
  forMethod?: ProviderMethod;
  origin: string;
  tabId: number;
  /** The page's id for its request; a re-send of the same request carries the same one. */
  requestId: string;
  /** sha256 of what the request asked (canonical JSON): a re-send must ask the same. */
  fingerprint?: string;
  kind: SessionKind;
  /** `pkp` and `lit-action`: the PKP the nodes are asked to sign for. */
  pkp?: SessionPkp;
  /** `lit-action`: the deciding action. */
  litAction?: LitActionRequest;
  resourceAbilityRequests: ResourceAbilityRequest[];
  requestedExpiration: string | null;
  walletSource: WalletSource | null;
  pageWallets: PageWallet[];
  createdAt: string;
  /** True once an approval window has listed it (closing that window then rejects it). */
  shown: boolean;
  state: 'waiting' | 'authorizing' | 'approved' | 'rejected';
  /** While the nodes sign a PKP session's capability. */
  progress?: SigningProgress;
  /** `approved`: the session made for it. */
  sessionId?: string;
  /** `rejected`: what the dApp is told. */
  error?: ProviderErrorJson;
  settledAt?: string;
}

/** What `enqueue` fills in itself; the rest says what is asked. */
export type QueuedFields =
  'id' | 'origin' | 'tabId' | 'requestId' | 'createdAt' | 'shown' | 'state' | 'purpose';
export type PendingDetails = Omit<PendingApproval, QueuedFields>;

/** A pending entry asking to confirm `confirmation` for `session` (one brokered call). */
export function confirmationDetails(
  session: SessionRecord,
  resource: ResourceAbilityRequest,
  confirmation: PendingConfirmation,
): PendingDetails {
  return {
    kind: session.authMethod,
    ...(session.pkp && { pkp: session.pkp }),
    confirmation,
    resourceAbilityRequests: [resource],
    requestedExpiration: null,
    walletSource: null,
    pageWallets: [],
  };
}

export type Settled = { sessionId: string } | { error: ProviderErrorJson };

const inTurn = serialized();

async function readList(): Promise<PendingApproval[]> {
  const stored = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY];
  // Requests stored before PKP sessions existed were all for wallet sessions.
  return Array.isArray(stored)
    ? (stored as PendingApproval[]).map((p) => (p.kind ? p : { ...p, kind: 'wallet' }))
    : [];
}

let resumed: Promise<void> | null = null;

/**
 * Once per worker start, before anyone reads the list: an entry still `authorizing` was left by
 * a worker that stopped while making its session (authorizing lives in that worker's memory), so
 * nobody would ever finish it; the window would spin and the dApp's re-send wait forever. It
 * waits for the user again (a key made for it meanwhile goes with the sweep's orphans).
 */
function resumeInterrupted(): Promise<void> {
  resumed ??= inTurn(async () => {
    const list = await readList();
    if (!list.some((p) => p.state === 'authorizing')) return;
    const waiting = list.map((p) => {
      if (p.state !== 'authorizing') return p;
      const again: PendingApproval = { ...p, state: 'waiting', shown: false };
      delete again.progress;
      return again;
    });
    await browser.storage.session.set({ [PENDING_KEY]: waiting });
  }).catch((e: unknown) => {
    resumed = null;
    throw e;
  });
  return resumed;
}

export async function listPending(): Promise<PendingApproval[]> {
  await resumeInterrupted();
  return readList();
}

/** Changes the list in one step; `change` returns the new list and a value to hand back. */
export async function updatePending<T>(
  change: (list: PendingApproval[]) => { list: PendingApproval[]; value: T },
): Promise<T> {
  await resumeInterrupted();
  return inTurn(async () => {
    const { list, value } = change(await readList());
    await browser.storage.session.set({ [PENDING_KEY]: list });
    return value;
  });
}

export async function getPending(id: string): Promise<PendingApproval | undefined> {
  return (await listPending()).find((p) => p.id === id);
}

export function purposeOf(p: PendingApproval): PendingPurpose {
  return p.purpose ?? 'session';
}

export function isOpen(p: PendingApproval): boolean {
  return p.state === 'waiting' || p.state === 'authorizing';
}

export function outcomeOf(p: PendingApproval): Settled | null {
  if (p.state === 'approved' && p.sessionId) return { sessionId: p.sessionId };
  if (p.state === 'rejected' && p.error) return { error: p.error };
  return null;
}
