// POST /web/devnet/peer/v1: the node-to-node channel's inbox (the devnet's own; Lit's nodes talk
// over their own gRPC). Only a message signed by another validator's node wallet, addressed to
// this node and unexpired, is filed; everything else is refused and nothing is stored.
import type { FastifyInstance } from 'fastify';
import { LitNodeError } from '../../../protocol/errors';
import type { NodeContext } from '../context';
import { signedPeerMessageSchema } from '../peers-envelope';
import { PEER_MESSAGE_PATH, PeerMessageRefused, peerChannelOf } from '../peers';
import { parseNodeBody } from '../validate';

export function registerPeerMessage(app: FastifyInstance, ctx: NodeContext): void {
  const channel = peerChannelOf(ctx);
  app.post(PEER_MESSAGE_PATH, async (request) => {
    const body = parseNodeBody(signedPeerMessageSchema, request.body);
    try {
      return { result: 'success', stored: channel.accept(body) === 'stored' };
    } catch (error) {
      if (error instanceof PeerMessageRefused) {
        throw new LitNodeError('NodeInvalidAuthSig', [`peer message refused: ${error.message}`]);
      }
      throw error;
    }
  });
}
