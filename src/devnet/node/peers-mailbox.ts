// Where verified peer messages wait until the request they belong to asks for them: keyed by
// (request key, topic) and sender, first message wins, bounded in size, dropped when expired.
import type { PeerMessage } from './peers-envelope';

/** Enough for many concurrent requests; past it the entry closest to expiry goes first. */
export const MAX_MAILBOX_ENTRIES = 10_000;

export interface Delivered {
  /** Lowercase sender address. */
  from: string;
  payload: unknown;
}

interface Entry extends Delivered {
  /** JSON of the payload, to tell a retry from a conflicting second message. */
  json: string;
  expiresAt: number;
}

interface Waiter {
  /** Lowercase sender, or undefined for any sender. */
  from: string | undefined;
  count: number;
  settle: (entries: Delivered[]) => void;
}

export type DeliverResult = 'stored' | 'duplicate' | 'conflict';

export class PeerMailbox {
  /** (requestKey, topic) → sender → entry. */
  private readonly slots = new Map<string, Map<string, Entry>>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private count = 0;

  constructor(private readonly now: () => number) {}

  /** Stores a verified message; a second, different message for the same key is refused. */
  deliver(message: PeerMessage): DeliverResult {
    this.prune();
    const slotKey = keyOf(message.requestKey, message.topic);
    const from = message.from.toLowerCase();
    const json = JSON.stringify(message.payload) ?? 'null';
    const slot = this.slots.get(slotKey) ?? new Map<string, Entry>();
    const existing = slot.get(from);
    if (existing) return existing.json === json ? 'duplicate' : 'conflict';
    if (this.count >= MAX_MAILBOX_ENTRIES) this.evictOne();
    slot.set(from, { from, payload: message.payload, json, expiresAt: message.expiresAt });
    this.slots.set(slotKey, slot);
    this.count++;
    for (const waiter of [...(this.waiters.get(slotKey) ?? [])]) this.tryWaiter(slotKey, waiter);
    return 'stored';
  }

  /** The payload `from` sent for (requestKey, topic), waiting for it until `signal` aborts. */
  async receive(
    query: { from: string; requestKey: string; topic: string },
    signal: AbortSignal,
  ): Promise<unknown> {
    const [first] = await this.wait(query, query.from.toLowerCase(), 1, signal);
    return first!.payload;
  }

  /** Payloads from at least `count` distinct senders for (requestKey, topic). */
  collect(
    query: { requestKey: string; topic: string; count: number },
    signal: AbortSignal,
  ): Promise<Delivered[]> {
    return this.wait(query, undefined, query.count, signal);
  }

  /** Entries held (expired ones go at the next delivery). */
  get size(): number {
    return this.count;
  }

  private wait(
    query: { requestKey: string; topic: string },
    from: string | undefined,
    count: number,
    signal: AbortSignal,
  ): Promise<Delivered[]> {
    const slotKey = keyOf(query.requestKey, query.topic);
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(abortReason(signal));
      const waiters = this.waiters.get(slotKey) ?? new Set<Waiter>();
      const onAbort = () => {
        waiters.delete(waiter);
        if (waiters.size === 0) this.waiters.delete(slotKey);
        reject(abortReason(signal));
      };
      const waiter: Waiter = {
        from,
        count,
        settle: (entries) => {
          signal.removeEventListener('abort', onAbort);
          resolve(entries);
        },
      };
      waiters.add(waiter);
      this.waiters.set(slotKey, waiters);
      signal.addEventListener('abort', onAbort, { once: true });
      this.tryWaiter(slotKey, waiter);
    });
  }

  private tryWaiter(slotKey: string, waiter: Waiter): void {
    const now = this.now();
    const live = [...(this.slots.get(slotKey)?.values() ?? [])].filter(
      (e) => e.expiresAt > now && (waiter.from === undefined || e.from === waiter.from),
    );
    if (live.length < waiter.count) return;
    const waiters = this.waiters.get(slotKey)!;
    waiters.delete(waiter);
    if (waiters.size === 0) this.waiters.delete(slotKey);
    waiter.settle(live.map((e) => ({ from: e.from, payload: e.payload })));
  }

  private prune(): void {
    const now = this.now();
    for (const [slotKey, slot] of this.slots) {
      for (const [from, entry] of slot) {
        if (entry.expiresAt <= now) {
          slot.delete(from);
          this.count--;
        }
      }
      if (slot.size === 0) this.slots.delete(slotKey);
    }
  }

  private evictOne(): void {
    let oldest: { slotKey: string; from: string; expiresAt: number } | undefined;
    for (const [slotKey, slot] of this.slots) {
      for (const entry of slot.values()) {
        if (!oldest || entry.expiresAt < oldest.expiresAt) {
          oldest = { slotKey, from: entry.from, expiresAt: entry.expiresAt };
        }
      }
    }
    if (!oldest) return;
    const slot = this.slots.get(oldest.slotKey)!;
    slot.delete(oldest.from);
    if (slot.size === 0) this.slots.delete(oldest.slotKey);
    this.count--;
  }
}

const keyOf = (requestKey: string, topic: string) => `${requestKey}\n${topic}`;

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
