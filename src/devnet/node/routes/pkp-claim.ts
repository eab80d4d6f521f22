// POST /web/pkp/claim and /web/pkp/claim/ (lit-operations.md "Claiming"): an authenticated
// EthWallet auth method gets its key id, keccak256("<address as written>:lit"), signed by this
// node's wallet (EIP-191 over the 32 raw bytes); a threshold of these lets the chain mint the PKP.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fromHex, toHex } from '../../../protocol/bytes';
import { LitNodeError } from '../../../protocol/errors';
import { eip191Hash } from '../../../protocol/ethereum';
import type { NodeContext } from '../context';
import { authenticateEthWallet } from '../eth-wallet-auth';
import { AUTH_METHOD_TYPE, ethWalletAuthMethodId } from '../pkp-permissions';
import { parseNodeBody } from '../validate';

export const PkpClaimBody = z.strictObject({
  authMethod: z.strictObject({
    authMethodType: z.number().int().min(0).max(1000),
    accessToken: z.string().max(64 * 1024),
  }),
  epoch: z.number().int().min(0).optional(),
});

export function registerPkpClaim(app: FastifyInstance, ctx: NodeContext): void {
  const handler = async (request: { body: unknown }, reply: { code(status: number): unknown }) => {
    const { authMethod } = parseNodeBody(PkpClaimBody, request.body);
    if (authMethod.authMethodType !== AUTH_METHOD_TYPE.EthWallet) {
      throw new LitNodeError('NodeInvalidAuthSig', [
        `auth method type ${authMethod.authMethodType} cannot claim on the devnet (EthWallet only)`,
      ]);
    }
    const { address } = authenticateEthWallet(authMethod.accessToken, ctx.now);
    const keyId = fromHex(ethWalletAuthMethodId(address).slice(2), 32);
    const sig = secp256k1.sign(eip191Hash(keyId), ctx.wallet.privateKey, {
      prehash: false,
      format: 'recovered',
    });
    // noble puts the recovery byte first; Lit's nodes send r ‖ s ‖ v with v = 27 + recovery.
    const signature = toHex(sig.subarray(1)) + (27 + sig[0]!).toString(16);
    reply.code(202);
    return { signature, derivedKeyId: toHex(keyId) };
  };
  app.post('/web/pkp/claim', handler);
  app.post('/web/pkp/claim/', handler);
}
