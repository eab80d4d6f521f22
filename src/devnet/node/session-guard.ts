// The session-sig check in front of every endpoint that needs one (wire doc §9), plus the
// devnet's revocation list: a revoked session key is refused even while its sigs are unexpired.
import { CapabilityCache } from '../../protocol/capability-cache';
import { LitNodeError } from '../../protocol/errors';
import type { LitResourceAbilityRequest } from '../../protocol/resources';
import { verifySessionSig, type SessionSigVerified } from '../../protocol/verify-session-sig';
import { verifyEd25519Native } from '../fast-ed25519';
import type { NodeContext } from './context';

export type SessionGuard = (
  sessionSig: unknown,
  request: LitResourceAbilityRequest,
) => SessionSigVerified;

/** One guard per node: its capability cache lives as long as the node. */
export function createSessionGuard(ctx: NodeContext): SessionGuard {
  const cache = new CapabilityCache();
  const nodeAddress = `${ctx.host}:${ctx.port}`;
  return (sessionSig, request) => {
    const result = verifySessionSig(sessionSig, {
      nodeAddress,
      request,
      networkPublicKey: ctx.networkPublicKey,
      now: ctx.now,
      verifyEd25519: verifyEd25519Native,
      cache,
    });
    if (!result.ok) throw result.error;
    const revoked = ctx.nodeDb.sessionKeyRevocation(result.sessionPublicKey);
    if (revoked) {
      throw new LitNodeError('NodeSessionKeyRevoked', [
        `session key ${result.sessionPublicKey} was revoked at ${new Date(revoked.revokedAt).toISOString()}`,
      ]);
    }
    return result;
  };
}
