// Who is asking: the address access-control conditions see as `:userAddress`. A session sig is
// checked by the node's session guard (its first valid capability's address: the wallet, or the
// PKP for PKP sessions); a wallet AuthSig (wire doc §10) by the node's one top-level wallet
// AuthSig check (its SIWE signature, validity, and a URI that is not a session's or delegation's).
import { authSigKind, isAuthSig, type AuthSig } from '../../protocol/auth-sig';
import { LitNodeError } from '../../protocol/errors';
import type { LitResourceAbilityRequest } from '../../protocol/resources';
import type { SessionGuard } from '../node/session-guard';
import { verifyTopLevelWalletAuthSig } from '../node/wallet-auth-sig';

export function authenticateUser(
  authSig: unknown,
  request: LitResourceAbilityRequest,
  deps: { guard: SessionGuard; now: () => number },
): { userAddress: string; capabilities: readonly AuthSig[] } {
  if (!isAuthSig(authSig)) {
    throw new LitNodeError('NodeInvalidAuthSig', [
      'authSig: expected {sig, derivedVia, signedMessage, address} strings',
    ]);
  }
  const kind = authSigKind(authSig);
  if (kind === 'session') {
    const verified = deps.guard(authSig, request);
    // The session's capabilities go to the capacity check (delegations ride in them).
    return {
      userAddress: verified.capabilityAddress,
      capabilities: verified.signedMessage.capabilities,
    };
  }
  if (kind !== 'wallet') {
    throw new LitNodeError('NodeAuthSigNotSupported', [
      `a ${kind} AuthSig cannot be used here: send a session sig or a wallet AuthSig`,
    ]);
  }
  const verified = verifyTopLevelWalletAuthSig(authSig, deps.now);
  return { userAddress: verified.signer, capabilities: [] };
}
