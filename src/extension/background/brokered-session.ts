// The one path of a brokered call (lit_pkpSign, lit_executeJs, lit_decrypt, lit_getSignedToken):
// the one resource it needs → this origin's session of any kind that covers it, or a new wallet
// session the user approves for it → the user's confirmation when the call needs one → sigs for
// exactly that resource, living at most a minute, that never leave the worker → the nodes → one
// activity entry. An expired or revoked session is never used: it is looked up again after the
// user confirmed.
import type { SessionSigsMap } from '../../protocol/session-sigs';
import { ProviderErrorCode, type ActivityEntry, type ResourceAbilityRequest } from '../messages';
import { appendActivity } from './activity-log';
import { activityMessage, brokeredError } from './brokered-errors';
import { requestConfirmation } from './confirmations';
import { covers } from './coverage';
import { ProviderRpcError } from './errors';
import { BROKERED_SIGS_LIFETIME_MS, mintSessionSigs } from './mint-session-sigs';
import { currentNetwork, forgetNetwork, type KnownNetwork } from './network';
import { confirmationDetails, type PendingConfirmation } from './pending-approvals';
import type { RequestContext } from './request-context';
import type { SessionRecord } from './session-records';
import { usableSession } from './session-sigs-flow';
import { sessionsOfOrigin } from './session-store';

/** The network as the client's operations take it (signing sets are over the listed nodes). */
export type BrokerNetwork = KnownNetwork & { listedNodeUrls: string[] };

export interface BrokeredCall<T> {
  method: ActivityEntry['method'];
  /** The one resource and ability the call needs. */
  resource: ResourceAbilityRequest;
  /** The operation in the error messages: "the signature". */
  what: string;
  /** What the user must confirm for this session, or null when nothing. */
  confirmation?: (session: SessionRecord) => PendingConfirmation | null;
  /** Runs once the user confirmed (before the nodes are asked). */
  confirmed?: (session: SessionRecord) => Promise<void>;
  /** Asks the nodes; returns the page's result and the nodes that answered. */
  run: (sigs: SessionSigsMap, network: BrokerNetwork) => Promise<{ result: T; nodes: string[] }>;
}

const ANY = { kind: 'any' } as const;

/**
 * Records the call in the session's activity without holding up the page's answer (a write is
 * ~2 ms of IndexedDB round trips) or failing an answer the nodes already gave. The write is
 * queued at once, and reads of the list wait for queued writes.
 */
function log(
  sessionId: string,
  method: ActivityEntry['method'],
  outcome: Pick<ActivityEntry, 'result' | 'nodes'> & { message?: string },
): void {
  appendActivity(sessionId, {
    at: new Date().toISOString(),
    method,
    result: outcome.result,
    nodes: outcome.nodes,
    ...(outcome.message !== undefined && { message: activityMessage(outcome.message) }),
  }).catch((e: unknown) => console.error('Lit Companion: could not record a call', e));
}

/** The session again, as stored now: null when it ended, expired or no longer covers the call. */
async function stillUsable(
  context: RequestContext,
  session: SessionRecord,
  resource: ResourceAbilityRequest,
): Promise<SessionRecord | null> {
  const now = (await sessionsOfOrigin(context.origin)).find((r) => r.id === session.id);
  return now && covers(now, [resource], Date.now(), undefined, ANY) ? now : null;
}

export async function brokered<T>(
  context: RequestContext,
  requestId: string,
  call: BrokeredCall<T>,
): Promise<T> {
  // Unreachable network: 4900 now, not after the user approved.
  const known = await currentNetwork();
  const network: BrokerNetwork = {
    ...known,
    listedNodeUrls: known.listedNodeUrls ?? known.nodeUrls,
  };
  const request = { kind: 'wallet' as const, resourceAbilityRequests: [call.resource] };
  const followUp = (s: SessionRecord) => {
    const asked = call.confirmation?.(s);
    return asked ? confirmationDetails(s, call.resource, asked) : null;
  };
  const session = await usableSession(request, context, requestId, ANY, call.method, followUp);

  const confirmation = call.confirmation?.(session);
  if (confirmation) {
    try {
      await requestConfirmation(context, requestId, session, call.resource, confirmation);
    } catch (e) {
      if (e instanceof ProviderRpcError && e.code === ProviderErrorCode.userRejected) {
        log(session.id, call.method, { result: 'refused', nodes: [], message: e.message });
      }
      throw e;
    }
    await call.confirmed?.(session);
  }

  const live = await stillUsable(context, session, call.resource);
  if (!live) {
    throw new ProviderRpcError(
      ProviderErrorCode.unauthorized,
      'The session ended before the call could be made',
    );
  }
  const now = Date.now();
  const sigs = await mintSessionSigs(
    live,
    [call.resource],
    network,
    now,
    BROKERED_SIGS_LIFETIME_MS,
  );
  if (!sigs)
    throw new ProviderRpcError(ProviderErrorCode.unauthorized, 'The session’s key is gone');

  let outcome: { result: T; nodes: string[] };
  try {
    outcome = await call.run(sigs, network);
  } catch (e) {
    const failure = brokeredError(e, call.what);
    if (!failure) throw e;
    if (failure.unreachable) await forgetNetwork();
    log(live.id, call.method, {
      result: failure.result,
      nodes: failure.nodes,
      message: failure.error.message,
    });
    throw failure.error;
  }
  log(live.id, call.method, { result: 'ok', nodes: outcome.nodes });
  return outcome.result;
}
