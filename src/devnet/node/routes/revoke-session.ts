// POST /web/session/revoke/v1: the devnet's session revocation (Lit has none). Idempotent: a
// second revocation of the same key answers success and keeps the first record.
import type { FastifyInstance } from 'fastify';
import type { NodeContext } from '../context';
import { verifyRevocation } from '../revoke-session';

export function registerRevokeSession(app: FastifyInstance, ctx: NodeContext): void {
  app.post('/web/session/revoke/v1', async (request) => {
    const revocation = verifyRevocation(request.body, ctx.now());
    ctx.nodeDb.revokeSessionKey({ ...revocation, recordedAt: ctx.now() });
    const stored = ctx.nodeDb.sessionKeyRevocation(revocation.sessionKey)!;
    return {
      result: 'success',
      sessionKey: stored.sessionKey,
      revokedAt: new Date(stored.revokedAt).toISOString(),
    };
  });
}
