// Starting one node: load its own shares and the chain, serve, and close everything on stop.
// The same function runs a node in the devnet's process or in its own (process-entry.ts).
import type { FastifyInstance } from 'fastify';
import { loadNodeContext, type LoadNodeOptions, type NodeContext } from './context';
import { useFastBls } from '../fast-bls';
import { useFastEcdsa } from '../fast-ecdsa';
import { createNodeServer, listenNode } from './server';

export interface RunningNode {
  index: number;
  url: string;
  ctx: NodeContext;
  app: FastifyInstance;
  /** Stops serving and closes the node's databases. */
  close(): Promise<void>;
}

export async function startNode(options: LoadNodeOptions): Promise<RunningNode> {
  // Native BLS for share signing and verification: the same bytes as noble, ~50× faster.
  useFastBls();
  // libsecp256k1 (wasm) to recover AuthSig signers: the same addresses as noble, ~4× faster.
  useFastEcdsa();
  const ctx = loadNodeContext(options);
  const app = createNodeServer(ctx);
  const closeAll = async (): Promise<void> => {
    await app.close();
    ctx.nodeDb.close();
    ctx.chain.close();
  };
  try {
    await listenNode(app, ctx);
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { index: ctx.index, url: ctx.url, ctx, app, close: closeAll };
}
