// Who is asking, as a verified session sig proves it, for the PKP permission check: the address
// of its first valid capability, and — only when that capability is the network's own `lit.bls`
// AuthSig — the auth methods and Lit Action CIDs the nodes resolved when they signed it (the
// `lit-resolvedauthcontext` resource of wire doc §8 step 7). A wallet capability's recap is the
// user's own text, so an auth context in it is never trusted. Where in a network capability the
// context may stand is `resolved-auth-context.ts`'s rule, shared with executeJs.
import type { SessionSigVerified } from '../../protocol/verify-session-sig';
import {
  AUTH_METHOD_TYPE,
  ethWalletAuthMethodId,
  type AuthenticatedCaller,
} from './pkp-permissions';
import { readResolvedAuthContext } from './resolved-auth-context';

export function callerOfSession(verified: SessionSigVerified): AuthenticatedCaller {
  const caller: AuthenticatedCaller = {
    authMethods: [],
    actionCids: [],
    addresses: [verified.capabilityAddress],
  };
  if (verified.capabilityKind !== 'network') return caller;
  const context = readResolvedAuthContext(verified.capabilitySiwe);
  if (!context) return caller;
  caller.actionCids = [...context.actionIpfsIds];
  for (const method of context.authMethodContexts) {
    // The devnet authenticates EthWallet auth methods only; their id is keccak256("<user>:lit").
    if (method.authMethodType !== AUTH_METHOD_TYPE.EthWallet) continue;
    caller.authMethods.push({
      authMethodType: method.authMethodType,
      authMethodId: ethWalletAuthMethodId(method.userId),
      userId: method.userId,
    });
  }
  return caller;
}
