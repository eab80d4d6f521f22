// Who is asking: the address access-control conditions see as `:userAddress`. A session sig is
// checked by the node's session guard (its first valid capability's address: the wallet, or the
// PKP for PKP sessions); a wallet AuthSig (wire doc §10) by its SIWE signature and validity.
import { authSigKind, isAuthSig, type AuthSig } from '../../protocol/auth-sig';
import { LitNodeError } from '../../protocol/errors';
import type { LitResourceAbilityRequest } from '../../protocol/resources';
import { verifySiweMessage } from '../../protocol/siwe';
import type { SessionGuard } from '../node/session-guard';

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
  const verified = verifySiweMessage(authSig.signedMessage, authSig.sig, { now: deps.now });
  if (!verified.ok) {
    throw new LitNodeError('NodeInvalidAuthSig', [`wallet AuthSig: ${verified.reason}`]);
  }
  if (verified.signer.toLowerCase() !== authSig.address.toLowerCase()) {
    throw new LitNodeError('NodeInvalidAuthSig', [
      `wallet AuthSig: address ${authSig.address.slice(0, 42)} is not the signer ${verified.signer}`,
    ]);
  }
  return { userAddress: verified.signer, capabilities: [] };
}
