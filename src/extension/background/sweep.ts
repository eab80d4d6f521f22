// The periodic sweep (chrome.alarms, since timers die with the worker): expired sessions and
// their keys go, keys no record names go, activity lists of ended sessions go, queued
// revocations are retried, old outcomes dropped.
import browser from 'webextension-polyfill';
import { pruneActivity } from './activity-log';
import { pruneSettled } from './approvals';
import { endSessions } from './end-sessions';
import { deleteSessionKeys, listVaultEntries } from './key-vault';
import { flushRevocations } from './revocation-outbox';
import { allSessions } from './session-store';

export const SWEEP_ALARM = 'lit-companion:sweep';
const SWEEP_PERIOD_MINUTES = 1;
/** A key younger than this may belong to a session being approved right now. */
const ORPHAN_GRACE_MS = 15 * 60_000;
const SETTLED_KEPT_MS = 5 * 60_000;
const RETRY_WAIT_MS = 5000;

export async function ensureSweepAlarm(): Promise<void> {
  if (!(await browser.alarms.get(SWEEP_ALARM))) {
    await browser.alarms.create(SWEEP_ALARM, { periodInMinutes: SWEEP_PERIOD_MINUTES });
  }
}

export async function sweep(now = Date.now()): Promise<void> {
  // Expired sessions are refused by the nodes anyway: no revocation to send.
  await endSessions((r) => Date.parse(r.expiration) <= now, { tellNetwork: false });
  const live = await allSessions();
  await pruneActivity(new Set(live.map((r) => r.id)));
  const named = new Set(live.map((r) => r.publicKey));
  const orphans = (await listVaultEntries()).filter(
    (e) => !named.has(e.publicKey) && now - Date.parse(e.createdAt) > ORPHAN_GRACE_MS,
  );
  await deleteSessionKeys(orphans.map((e) => e.publicKey));
  await pruneSettled(SETTLED_KEPT_MS, now);
  await flushRevocations(null, RETRY_WAIT_MS);
}
