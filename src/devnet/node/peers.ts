// The node-to-node channel: a node signs a message with its wallet and POSTs it to a peer's
// `/web/devnet/peer/v1`; the peer checks it against the chain's validator list and keeps it in
// its mailbox until the request it belongs to asks for it. HTTP over loopback, so in-process
// nodes and `--processes` nodes talk the same way. One channel per node context.
import { createHash } from 'node:crypto';
import type { NodeContext } from './context';
import {
  PEER_MESSAGE_TTL_MS,
  signPeerMessage,
  verifyPeerMessage,
  type SignedPeerMessage,
} from './peers-envelope';
import { PeerMailbox, type DeliverResult, type Delivered } from './peers-mailbox';

export const PEER_MESSAGE_PATH = '/web/devnet/peer/v1';
const SEND_TIMEOUT_MS = 5_000;

export interface PeerNode {
  index: number;
  url: string;
  nodeAddress: string;
}

export interface BroadcastResult {
  delivered: string[];
  failed: { nodeAddress: string; reason: string }[];
}

/**
 * The key that binds peer messages to one request: every node computes it from what the client
 * sent them all alike, so a message made for one request is useless for any other.
 */
export function requestKey(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class PeerChannel {
  readonly mailbox: PeerMailbox;

  constructor(private readonly ctx: NodeContext) {
    this.mailbox = new PeerMailbox(ctx.now);
  }

  /** The validators in index order, as the chain lists them now. */
  nodes(): PeerNode[] {
    return this.ctx.chain
      .nodes()
      .map((n) => ({ index: n.index, url: n.url, nodeAddress: n.nodeAddress }));
  }

  get self(): PeerNode {
    return this.nodes().find((n) => n.index === this.ctx.index)!;
  }

  /** Sends `payload` to every other node; a peer that is down is reported, not fatal. */
  async broadcast(key: string, topic: string, payload: unknown): Promise<BroadcastResult> {
    const others = this.nodes().filter((n) => n.index !== this.ctx.index);
    const outcomes = await Promise.all(
      others.map(async (peer) => ({ peer, reason: await this.send(peer, key, topic, payload) })),
    );
    return {
      delivered: outcomes.filter((o) => o.reason === null).map((o) => o.peer.nodeAddress),
      failed: outcomes
        .filter((o) => o.reason !== null)
        .map((o) => ({ nodeAddress: o.peer.nodeAddress, reason: o.reason! })),
    };
  }

  /** Sends one message; null when the peer accepted it, else why not. */
  async send(peer: PeerNode, key: string, topic: string, payload: unknown): Promise<string | null> {
    const now = this.ctx.now();
    let signed: SignedPeerMessage;
    try {
      signed = await signPeerMessage(
        {
          v: 1,
          from: this.ctx.wallet.address,
          to: peer.nodeAddress,
          requestKey: key,
          topic,
          payload,
          issuedAt: now,
          expiresAt: now + PEER_MESSAGE_TTL_MS,
        },
        this.ctx.wallet.privateKey,
      );
    } catch (error) {
      return (error as Error).message;
    }
    try {
      const response = await fetch(peer.url + PEER_MESSAGE_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signed),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      const text = await response.text();
      return response.ok ? null : `HTTP ${response.status}: ${text.slice(0, 300)}`;
    } catch (error) {
      return `unreachable (${(error as Error).message})`;
    }
  }

  /** Checks a received envelope and files it; throws with the reason when it is refused. */
  accept(signed: SignedPeerMessage): DeliverResult {
    const checked = verifyPeerMessage(signed, {
      self: this.ctx.wallet.address,
      validators: this.nodes().map((n) => n.nodeAddress),
      now: this.ctx.now(),
    });
    if (!checked.ok) throw new PeerMessageRefused(checked.reason);
    const result = this.mailbox.deliver(checked.message);
    if (result === 'conflict') {
      throw new PeerMessageRefused('a different message for this request and topic arrived first');
    }
    return result;
  }

  /** What `from` sent for (key, topic), once it arrives or until `signal` aborts. */
  receive(from: string, key: string, topic: string, signal: AbortSignal): Promise<unknown> {
    return this.mailbox.receive({ from, requestKey: key, topic }, signal);
  }

  /** Payloads from `count` distinct peers for (key, topic). */
  collect(key: string, topic: string, count: number, signal: AbortSignal): Promise<Delivered[]> {
    return this.mailbox.collect({ requestKey: key, topic, count }, signal);
  }
}

export class PeerMessageRefused extends Error {
  override readonly name = 'PeerMessageRefused';
}

const channels = new WeakMap<NodeContext, PeerChannel>();

/** The one channel of a node: the peer route files into the mailbox its endpoints read. */
export function peerChannelOf(ctx: NodeContext): PeerChannel {
  let channel = channels.get(ctx);
  if (!channel) {
    channel = new PeerChannel(ctx);
    channels.set(ctx, channel);
  }
  return channel;
}
