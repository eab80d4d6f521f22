// Revocations the network has not heard yet. Each is signed by the session key before the key is
// deleted, kept in storage.local, sent to every node (best effort), and retried by the sweep
// until every node has it or the session would have expired anyway.
import browser from 'webextension-polyfill';
import { sendRevocation, type SignedRevocation } from '../../client/revoke-session';
import type { NetworkRevocation } from '../messages';
import { currentNetwork } from './network';
import { serialized } from './serial';

const OUTBOX_KEY = 'lit-companion:revocations';
const MAX_ATTEMPTS = 50;

interface QueuedRevocation extends SignedRevocation {
  publicKey: string;
  /** After this the nodes refuse the session's sigs anyway. */
  expiresAt: string;
  attempts: number;
  /** Nodes that recorded it. */
  doneOn: string[];
}

const inTurn = serialized();

async function load(): Promise<QueuedRevocation[]> {
  const stored = (await browser.storage.local.get(OUTBOX_KEY))[OUTBOX_KEY];
  return Array.isArray(stored) ? (stored as QueuedRevocation[]) : [];
}

async function update(change: (list: QueuedRevocation[]) => QueuedRevocation[]): Promise<void> {
  await inTurn(async () => {
    await browser.storage.local.set({ [OUTBOX_KEY]: change(await load()) });
  });
}

export async function queueRevocations(
  items: { publicKey: string; expiresAt: string; signed: SignedRevocation }[],
): Promise<void> {
  if (items.length === 0) return;
  await update((list) => [
    ...list,
    ...items.map((i) => ({
      ...i.signed,
      publicKey: i.publicKey,
      expiresAt: i.expiresAt,
      attempts: 0,
      doneOn: [],
    })),
  ]);
}

/**
 * Sends the queued revocations (those of `publicKeys`, or all) to the configured network's nodes;
 * says per revocation how far it got. Never throws: the network is told on a best-effort basis.
 */
export async function flushRevocations(
  publicKeys: readonly string[] | null,
  timeoutMs: number,
): Promise<NetworkRevocation[]> {
  const now = Date.now();
  const wanted = (await load()).filter(
    (r) => (!publicKeys || publicKeys.includes(r.publicKey)) && Date.parse(r.expiresAt) > now,
  );
  if (wanted.length === 0) {
    await update((list) => list.filter((r) => Date.parse(r.expiresAt) > now));
    return [];
  }
  let nodeUrls: string[];
  try {
    // Every node the chain lists, not only those that answered the last handshake: a node that was
    // down at revoke time would otherwise never hear it, and accept the handed-out sigs when back.
    const network = await currentNetwork();
    nodeUrls = network.listedNodeUrls ?? network.nodeUrls;
  } catch (e) {
    const error = e instanceof Error ? e.message : 'the network cannot be reached';
    await update((list) =>
      list.map((r) =>
        wanted.some((w) => w.publicKey === r.publicKey) ? { ...r, attempts: r.attempts + 1 } : r,
      ),
    );
    return wanted.map(() => ({ revokedOn: 0, nodes: 0, error }));
  }
  const results = await Promise.all(
    wanted.map(async (r) => {
      const remaining = nodeUrls.filter((u) => !r.doneOn.includes(u));
      const signed = { revocation: r.revocation, signature: r.signature };
      const sent = await sendRevocation(remaining, signed, { timeoutMs });
      return {
        publicKey: r.publicKey,
        doneOn: [...r.doneOn, ...sent.revokedOn],
        failures: sent.failures,
      };
    }),
  );
  await update((list) =>
    list.flatMap((r) => {
      const result = results.find((x) => x.publicKey === r.publicKey);
      if (!result) return Date.parse(r.expiresAt) > now ? [r] : [];
      const next = { ...r, doneOn: result.doneOn, attempts: r.attempts + 1 };
      const finished = nodeUrls.every((u) => next.doneOn.includes(u));
      return finished || next.attempts >= MAX_ATTEMPTS ? [] : [next];
    }),
  );
  return results.map((r) => {
    const revokedOn = nodeUrls.filter((u) => r.doneOn.includes(u)).length;
    return {
      revokedOn,
      nodes: nodeUrls.length,
      ...(r.failures.length
        ? {
            error: r.failures
              .map((f) => f.error.message)
              .join('; ')
              .slice(0, 500),
          }
        : {}),
    };
  });
}
