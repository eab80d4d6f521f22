// POST /web/session/verify/v1: a devnet endpoint (Lit has none) that runs only the session-sig
// check every operation starts with, and says what the sig proves. dApp developers use it to see
// why a sig is refused; the benchmark uses it to measure the check alone.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isAbilityForPrefix } from '../../../protocol/resources';
import type { NodeContext } from '../context';
import { createSessionGuard } from '../session-guard';
import { parseNodeBody } from '../validate';

const VerifyRequest = z.strictObject({
  authSig: z.unknown(),
  // verifySessionSig throws (a 500) on a request it cannot check, so refuse those here as a 400.
  resourceAbilityRequest: z
    .strictObject({
      resource: z.strictObject({
        resource: z.string().min(1).max(256),
        resourcePrefix: z.string().max(64),
      }),
      ability: z.string().max(64),
    })
    .refine((r) => isAbilityForPrefix(r.resource.resourcePrefix, r.ability), {
      message: 'not an ability of that resourcePrefix',
      path: ['ability'],
    }),
  epoch: z.number().int().min(0).optional(),
});

export function registerVerifySession(app: FastifyInstance, ctx: NodeContext): void {
  const guard = createSessionGuard(ctx);
  app.post('/web/session/verify/v1', async (request) => {
    const body = parseNodeBody(VerifyRequest, request.body);
    const verified = guard(body.authSig, body.resourceAbilityRequest);
    return {
      result: 'success',
      sessionKey: verified.sessionPublicKey,
      capabilityKind: verified.capabilityKind,
      address: verified.capabilityAddress,
      expiration: verified.expiration,
    };
  });
}
