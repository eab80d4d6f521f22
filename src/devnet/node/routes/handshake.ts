// POST /web/handshake (with and without the trailing slash), wire doc §7: the network's public
// keys, the HD roots and the chain's latest block hash, which clients use as every SIWE nonce.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serverPublicKeyHex, type NodeContext } from '../context';
import { parseNodeBody } from '../validate';

/** The SDK version whose wire format the devnet speaks. */
export const CLIENT_SDK_VERSION = '7.4.0';

const HandshakeRequest = z.strictObject({
  clientPublicKey: z.string().max(1024),
  challenge: z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters'),
  epoch: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export interface HandshakeResponse {
  serverPublicKey: string;
  subnetPublicKey: string;
  networkPublicKey: string;
  networkPublicKeySet: string;
  clientSdkVersion: string;
  hdRootPubkeys: string[];
  attestation: null;
  latestBlockhash: string;
}

export function registerHandshake(app: FastifyInstance, ctx: NodeContext): void {
  const handler = async (request: { body: unknown }): Promise<HandshakeResponse> => {
    parseNodeBody(HandshakeRequest, request.body);
    return {
      serverPublicKey: serverPublicKeyHex(ctx),
      subnetPublicKey: ctx.networkPublicKeyHex,
      networkPublicKey: ctx.networkPublicKeyHex,
      networkPublicKeySet: ctx.networkPublicKeyHex,
      clientSdkVersion: CLIENT_SDK_VERSION,
      hdRootPubkeys: [...ctx.hdRootPubkeys],
      attestation: null,
      latestBlockhash: ctx.chain.latestBlock().hash,
    };
  };
  app.post('/web/handshake', handler);
  app.post('/web/handshake/', handler);
}
