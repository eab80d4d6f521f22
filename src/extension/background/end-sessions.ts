// The one way a session ends (popup Revoke / Revoke all, the dApp's lit_revokeSession and
// lit_disconnect, the expiry sweep): sign its revocation while the key still exists, delete the
// key, drop the record and its activity list, reject the origin's pending approvals, tell its
// pages, tell the network.
import { signRevocation, type SignedRevocation } from '../../client/revoke-session';
import type { NetworkRevocation } from '../messages';
import { deleteActivity } from './activity-log';
import { rejectPendingOf } from './approvals';
import { deleteSessionKeys, getSessionKey, listVaultEntries } from './key-vault';
import { notifyOrigin } from './origin-documents';
import { flushRevocations, queueRevocations } from './revocation-outbox';
import type { SessionRecord } from './session-records';
import { allSessions, removeSessions, sessionsOfOrigin } from './session-store';
import { toOriginSession } from './session-summaries';

/** How long a revoke waits for the nodes before answering (they are retried later anyway). */
const NETWORK_WAIT_MS = 4000;

export interface EndOptions {
  /** Also reject the origins' pending approvals with this message. */
  rejectPending?: string;
  /** Tell the network, so sigs already handed out stop working (not for expired sessions). */
  tellNetwork: boolean;
  /** Origins to disconnect: their leftover keys go too, and their pages get `disconnect`. */
  disconnect?: readonly string[];
}

export interface Ended {
  ended: SessionRecord[];
  network: NetworkRevocation[];
}

export async function endSessions(
  match: (record: SessionRecord) => boolean,
  options: EndOptions,
): Promise<Ended> {
  const disconnected = options.disconnect ?? [];
  // Open requests go first: one being authorized now then cannot add a session after the records
  // below are read (it is refused, or, if it just settled, its session is among them).
  if (options.rejectPending) {
    const asked = (await allSessions()).filter(match).map((r) => r.origin);
    for (const origin of new Set([...asked, ...disconnected])) {
      await rejectPendingOf(origin, options.rejectPending);
    }
  }
  const records = (await allSessions()).filter(match);
  const signed: { publicKey: string; expiresAt: string; signed: SignedRevocation }[] = [];
  if (options.tellNetwork) {
    for (const r of records) {
      const key = await getSessionKey(r.publicKey, r.origin);
      if (key)
        signed.push({
          publicKey: r.publicKey,
          expiresAt: r.expiration,
          signed: await signRevocation(key),
        });
    }
    await queueRevocations(signed);
  }
  const ids = new Set(records.map((r) => r.id));
  await removeSessions((r) => ids.has(r.id));
  await deleteActivity([...ids]);
  const leftover = (await Promise.all(disconnected.map((o) => listVaultEntries(o)))).flat();
  await deleteSessionKeys([
    ...new Set([...records.map((r) => r.publicKey), ...leftover.map((e) => e.publicKey)]),
  ]);

  const origins = new Set([...records.map((r) => r.origin), ...disconnected]);
  for (const origin of origins) {
    await notifyOrigin(
      origin,
      'sessionsChanged',
      (await sessionsOfOrigin(origin)).map(toOriginSession),
    );
  }
  for (const origin of disconnected) {
    await notifyOrigin(origin, 'disconnect', {
      code: 4900,
      message: 'Disconnected: every session of this site ended',
    });
  }
  const network = signed.length
    ? await flushRevocations(
        signed.map((s) => s.publicKey),
        NETWORK_WAIT_MS,
      )
    : [];
  return { ended: records, network };
}
