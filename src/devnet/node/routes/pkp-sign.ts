// POST /web/pkp/sign/v1 (lit-operations.md "pkpSign"): the session sig must grant
// `lit-pkp://<token id>` + `pkp-signing`, then the PKP must permit the caller with scope 1; every
// node answers 200, the signing set with its share and the others with an empty one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LitNodeError } from '../../../protocol/errors';
import { pkpTokenIdFromPublicKey } from '../../../protocol/resources';
import { capacityCallerOf, capacityCheckFor } from '../capacity-check';
import type { NodeContext } from '../context';
import { ecdsaSignatureShare } from '../ecdsa-share';
import { invalidRequest } from '../errors';
import { callerOfSession } from '../session-caller';
import { createSessionGuard } from '../session-guard';
import { parseNodeBody } from '../validate';

const REQUEST_ID_RE = /^[\x21-\x7e]{1,128}$/;

export const PkpSignBody = z.strictObject({
  // Any length is read so that a wrong one gets Lit's own message below.
  toSign: z.array(z.number().int().min(0).max(255)).max(4096),
  pubkey: z.string().regex(/^(0x)?04[0-9a-fA-F]{128}$/, 'expected a 65-byte uncompressed key'),
  authSig: z.unknown(),
  authMethods: z.unknown().optional(),
  epoch: z.number().int().min(0).optional(),
});

const SESSION_SIG_VIA = 'litSessionSignViaNacl';

/** The X-Request-Id every node of one request shares: it picks the signers and the nonce. */
function requestIdOf(request: FastifyRequest): string {
  const header = request.headers['x-request-id'];
  if (typeof header !== 'string' || !REQUEST_ID_RE.test(header)) {
    throw invalidRequest('an X-Request-Id header (1..128 visible ASCII) names the signing request');
  }
  return header;
}

export function registerPkpSign(app: FastifyInstance, ctx: NodeContext): void {
  const guard = createSessionGuard(ctx);
  const capacity = capacityCheckFor(ctx);
  app.post('/web/pkp/sign/v1', async (request) => {
    const body = parseNodeBody(PkpSignBody, request.body);
    const requestId = requestIdOf(request);
    if (body.authMethods !== undefined) {
      throw new LitNodeError('NodeCannotProvideAuthSigForEndpoint', [
        "Can't provide AuthMethods for pkpSign. You have to provide a SessionSig.",
      ]);
    }
    const via = (body.authSig as { derivedVia?: unknown } | null)?.derivedVia;
    if (typeof body.authSig === 'object' && body.authSig !== null && via !== SESSION_SIG_VIA) {
      throw new LitNodeError('NodeCannotProvideAuthSigForEndpoint', [
        "Can't provide AuthSig for pkpSign. You have to provide a SessionSig.",
      ]);
    }
    let tokenId: string;
    try {
      tokenId = pkpTokenIdFromPublicKey(body.pubkey);
    } catch {
      throw invalidRequest('pubkey: not a point on secp256k1');
    }
    const verified = guard(body.authSig, {
      resource: { resource: tokenId, resourcePrefix: 'lit-pkp' },
      ability: 'pkp-signing',
    });
    // Read before capacity is spent: a capability with a misplaced auth context is refused.
    const caller = callerOfSession(verified);
    capacity(capacityCallerOf(verified), 'pkpSign');
    const signatureShare = await ecdsaSignatureShare(ctx, {
      toSign: Uint8Array.from(body.toSign),
      pkpPublicKey: body.pubkey,
      requestKey: requestId,
      caller,
    });
    return { success: true, signedData: body.toSign, signatureShare };
  });
}
