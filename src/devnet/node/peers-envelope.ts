// The signed envelope of a node-to-node message: who sends it to whom, for which request and
// topic, until when. Signed (EIP-191) by the sending node's wallet and checked against the
// validator list on the chain, so only a peer node can put anything into a node's mailbox.
import { z } from 'zod';
import { eip191Hash, privateKeySigner, recoverAddress } from '../../protocol/ethereum';

/** Prefixed to the signed text so a peer signature can never pass for any other signature. */
export const PEER_SIGNING_PREFIX = 'lit-companion devnet peer message v1\n';
/** How long a message is good for after it is signed: a peer consumes it within a request. */
export const PEER_MESSAGE_TTL_MS = 60_000;
/** A receiver refuses a longer lifetime, or an issue time further ahead than the skew. */
const MAX_TTL_MS = 120_000;
const MAX_CLOCK_SKEW_MS = 5_000;
/**
 * Payloads are small: a runOnce result is ≤ 100 KiB of response and ≤ 100 KiB of log lines (the
 * prelude keeps no more), a share < 1 KiB. A larger one fails to send, and the sender is told.
 */
export const MAX_PEER_MESSAGE_CHARS = 256 * 1024;

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address');

export const peerMessageSchema = z.strictObject({
  v: z.literal(1),
  from: address,
  to: address,
  /** Binds the message to one request: 64 hex, computed alike by every node (see `requestKey`). */
  requestKey: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex'),
  topic: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x20-\x7e]+$/, 'expected printable ASCII'),
  payload: z.unknown(),
  issuedAt: z.number().int().nonnegative(),
  expiresAt: z.number().int().nonnegative(),
});
export type PeerMessage = z.infer<typeof peerMessageSchema>;

/** What travels: the exact JSON text that was signed, and the signature. */
export interface SignedPeerMessage {
  message: string;
  signature: string;
}

export const signedPeerMessageSchema = z.strictObject({
  message: z.string().max(MAX_PEER_MESSAGE_CHARS),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'expected a 65-byte 0x signature'),
});

/** Signs `message` with a node wallet key. */
export async function signPeerMessage(
  message: PeerMessage,
  walletPrivateKey: Uint8Array,
): Promise<SignedPeerMessage> {
  const text = JSON.stringify(message);
  if (text.length > MAX_PEER_MESSAGE_CHARS) {
    throw new Error(`peer message: ${text.length} characters, over ${MAX_PEER_MESSAGE_CHARS}`);
  }
  const signature = await privateKeySigner(walletPrivateKey).signMessage(
    PEER_SIGNING_PREFIX + text,
  );
  return { message: text, signature };
}

export interface PeerCheckContext {
  /** This node's wallet address: the only recipient it accepts. */
  self: string;
  /** The validators' node addresses, from the chain. */
  validators: readonly string[];
  now: number;
}

export type PeerCheck = { ok: true; message: PeerMessage } | { ok: false; reason: string };

/** Checks a received envelope; the reason names the first problem. Never throws. */
export function verifyPeerMessage(signed: SignedPeerMessage, c: PeerCheckContext): PeerCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(signed.message);
  } catch {
    return { ok: false, reason: 'the message is not JSON' };
  }
  const result = peerMessageSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, reason: `message.${issue?.path.join('.') ?? ''}: ${issue?.message}` };
  }
  const message = result.data;
  let signer: string;
  try {
    signer = recoverAddress(eip191Hash(PEER_SIGNING_PREFIX + signed.message), signed.signature);
  } catch (error) {
    return { ok: false, reason: `signature: ${(error as Error).message}` };
  }
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (!same(signer, message.from)) {
    return { ok: false, reason: `signed by ${signer}, not by the sender ${message.from}` };
  }
  if (!c.validators.some((v) => same(v, message.from))) {
    return { ok: false, reason: `the sender ${message.from} is not a validator of this network` };
  }
  if (same(message.from, c.self)) return { ok: false, reason: 'a node does not message itself' };
  if (!same(message.to, c.self)) {
    return { ok: false, reason: `addressed to ${message.to}, not to this node` };
  }
  if (message.issuedAt > c.now + MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'issued in the future' };
  }
  if (message.expiresAt <= c.now) return { ok: false, reason: 'expired' };
  if (message.expiresAt - message.issuedAt > MAX_TTL_MS) {
    return { ok: false, reason: `valid for more than ${MAX_TTL_MS / 1000} s` };
  }
  return { ok: true, message };
}
