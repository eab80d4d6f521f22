// Everything one node knows: its own shares (from its own file only), the network's public
// material, a reader over the chain, its node DB and its clock. Endpoints get it as `ctx`.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { blsPublicKey } from '../../protocol/bls';
import { equalBytes, fromHex, toHex } from '../../protocol/bytes';
import { addressFromPublicKey } from '../../protocol/ethereum';
import { systemClock, type Clock } from '../clock';
import { chainDbPath, nodeDbPath } from '../data-dir';
import { DevnetError } from '../errors';
import { ChainReader } from '../state/chain-reader';
import { NodeStore } from '../state/node-store';
import type { PresignSource } from '../presign/presign-dealer';

export interface NodeContext {
  /** 0-based position in the validator list. */
  index: number;
  /** `http://127.0.0.1:<port>`: the exact string clients key session sigs by. */
  url: string;
  host: string;
  port: number;
  threshold: number;
  nodeCount: number;
  /** BLS root public key, 48 bytes compressed G1, and its 96-hex form. */
  networkPublicKey: Uint8Array;
  networkPublicKeyHex: string;
  /** This node's BLS share; `id` (index + 1) is the first byte of its signature shares. */
  blsShare: { id: number; secretKey: Uint8Array; publicKey: Uint8Array };
  /** Every node's BLS public share, in node order: what a client checks shares against. */
  blsPublicShares: { id: number; publicKey: Uint8Array }[];
  /** secp256k1 root public keys, compressed hex (no 0x), in derivation order. */
  hdRootPubkeys: string[];
  /** This node's share of each secp256k1 root key, in root order. */
  ecdsaRootShares: { id: number; secretKey: Uint8Array }[];
  /**
   * This node's private line to the devnet's dealer for ECDSA presignature shares (its own only):
   * a function in-process, the IPC channel in a node process; never a network port.
   */
  presign: PresignSource;
  /** The node wallet (validator `nodeAddress`): signs claims. */
  wallet: { privateKey: Uint8Array; publicKey: Uint8Array; address: string };
  chain: ChainReader;
  nodeDb: NodeStore;
  /** Milliseconds since the epoch; tests inject their own. */
  now: Clock;
  /** `--rate-limit`: requests need a capacity credit (node/capacity-check.ts). */
  rateLimit: boolean;
  /** The chain stand-in's JSON-RPC URL (what `Lit.Actions.getRpcUrl` answers), when known. */
  rpcUrl: string | null;
  /** A shorter Lit Action time limit than Datil's 30 s (tests), or null. */
  actionTimeoutMs: number | null;
}

export interface LoadNodeOptions {
  dataDir: string;
  index: number;
  clock?: Clock;
  /** Where presignature shares come from; without one the node refuses to sign with PKPs. */
  presign?: PresignSource;
  rateLimit?: boolean;
  rpcUrl?: string;
  actionTimeoutMs?: number;
}

const noDealer: PresignSource = () =>
  Promise.reject(new Error('this node was started without a presignature dealer'));

/** Opens node `index`'s own file and the chain, and checks the two belong together. */
export function loadNodeContext(options: LoadNodeOptions): NodeContext {
  const { dataDir, index, clock, presign } = options;
  const chain = ChainReader.open(chainDbPath(dataDir), clock ?? systemClock);
  let nodeDb: NodeStore | undefined;
  try {
    nodeDb = NodeStore.open(nodeDbPath(dataDir, index));
    const meta = chain.network();
    const record = chain.nodes().find((n) => n.index === index);
    if (!record) throw new DevnetError(`node ${index} is not in the network's validator list`);
    const secrets = nodeDb.secrets();
    if (secrets.networkId !== meta.networkId || secrets.index !== index) {
      throw new DevnetError(`node-${index}.sqlite belongs to another network or node`);
    }
    const ownPublicShare = blsPublicKey(secrets.blsShare.secretKey);
    if (!equalBytes(ownPublicShare, fromHex(record.blsPublicShare, 48))) {
      throw new DevnetError(`node-${index}.sqlite's BLS share does not match the chain's record`);
    }
    const walletPublicKey = secp256k1.getPublicKey(secrets.walletPrivateKey, true);
    return {
      index,
      url: record.url,
      host: record.host,
      port: record.port,
      threshold: meta.threshold,
      nodeCount: meta.nodeCount,
      networkPublicKey: fromHex(meta.networkPublicKey, 48),
      networkPublicKeyHex: meta.networkPublicKey,
      blsShare: { ...secrets.blsShare, publicKey: ownPublicShare },
      blsPublicShares: chain
        .nodes()
        .map((n) => ({ id: n.blsShareId, publicKey: fromHex(n.blsPublicShare, 48) })),
      hdRootPubkeys: meta.hdRootPubkeys,
      ecdsaRootShares: secrets.ecdsaRootShares,
      presign: presign ?? noDealer,
      wallet: {
        privateKey: secrets.walletPrivateKey,
        publicKey: walletPublicKey,
        address: addressFromPublicKey(walletPublicKey),
      },
      chain,
      nodeDb,
      now: clock ?? systemClock,
      rateLimit: options.rateLimit ?? false,
      rpcUrl: options.rpcUrl ?? null,
      actionTimeoutMs: options.actionTimeoutMs ?? null,
    };
  } catch (error) {
    nodeDb?.close();
    chain.close();
    throw error;
  }
}

/** The handshake's `serverPublicKey`: the node wallet's compressed key, hex. */
export const serverPublicKeyHex = (ctx: NodeContext): string => toHex(ctx.wallet.publicKey);
