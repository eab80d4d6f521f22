// What one run of a Lit Action on one node may use: the request it belongs to, who asked, the
// peers, and the node's operations. Built per request by execute-js.ts; read by the host functions.
import type { ActionOperations } from './action-operations';
import type { PkpPermissions } from './pkp-permissions';
import type { BroadcastResult, PeerNode } from './peers';
import type { Delivered } from './peers-mailbox';
import type { ResolvedAuthContext } from './sign-session-key';

/** The part of the node-to-node channel an action uses. */
export interface ActionPeers {
  nodes(): PeerNode[];
  /** Who got it; undefined from a channel that reports nothing (tests' fakes): taken as all. */
  broadcast(key: string, topic: string, payload: unknown): Promise<BroadcastResult | undefined>;
  receive(from: string, key: string, topic: string, signal: AbortSignal): Promise<unknown>;
  collect(key: string, topic: string, count: number, signal: AbortSignal): Promise<Delivered[]>;
}

export interface ActionRunEnv {
  /** The client's `X-Request-Id`, or null when it sent none (then runOnce cannot coordinate). */
  requestId: string | null;
  /** Binds peer messages to this request (see `requestKey` in peers.ts). */
  requestKey: string;
  authContext: ResolvedAuthContext;
  /** This node's index in the validator list, and the network's threshold. */
  selfIndex: number;
  threshold: number;
  peers: ActionPeers;
  ops: ActionOperations;
  pkpPermissions: (tokenId: string) => PkpPermissions | null;
  /** The chain stand-in's JSON-RPC URL, when the node knows it. */
  rpcUrl: string | null;
  /** Every node's BLS public share by share id: a peer's decryption share is checked first. */
  blsPublicShares: { id: number; publicKey: Uint8Array }[];
  networkPublicKey: Uint8Array;
  now: () => number;
}

/** A signature share as executeJs returns it under `signedData[sigName]` (lit-operations.md). */
export interface SignedDataEntry {
  sigType: string;
  dataSigned: string;
  signatureShare: string;
  shareIndex: number;
  bigR: string;
  publicKey: string;
  sigName: string;
}

/** Datil's limit of signatures per action. */
export const MAX_SIGNATURES_PER_ACTION = 10;
