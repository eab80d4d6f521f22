// Who is asking, as a verified session sig proves it, for the PKP permission check: the address
// of its first valid capability, and — only when that capability is the network's own `lit.bls`
// AuthSig — the auth methods and Lit Action CIDs the nodes resolved when they signed it (the
// `lit-resolvedauthcontext` resource of wire doc §8 step 7). A wallet capability's recap is the
// user's own text, so an auth context in it is never trusted.
import { z } from 'zod';
import { decodeRecap } from '../../protocol/recap';
import type { SessionSigVerified } from '../../protocol/verify-session-sig';
import {
  AUTH_METHOD_TYPE,
  ethWalletAuthMethodId,
  type AuthenticatedCaller,
} from './pkp-permissions';

const RESOLVED_AUTH_CONTEXT = 'lit-resolvedauthcontext://*';

const AuthContext = z.object({
  actionIpfsIds: z.array(z.string()).max(16),
  authMethodContexts: z
    .array(z.object({ authMethodType: z.number().int(), userId: z.string().max(256) }))
    .max(16),
});

function resolvedAuthContext(resources: readonly string[]): z.infer<typeof AuthContext> | null {
  for (const resource of resources) {
    if (!resource.startsWith('urn:recap:')) continue;
    let entry: unknown;
    try {
      entry = decodeRecap(resource).att[RESOLVED_AUTH_CONTEXT]?.['Auth/Auth']?.[0];
    } catch {
      continue;
    }
    const context = (entry as { auth_context?: unknown } | undefined)?.auth_context;
    const parsed = AuthContext.safeParse(context);
    if (parsed.success) return parsed.data;
  }
  return null;
}

export function callerOfSession(verified: SessionSigVerified): AuthenticatedCaller {
  const caller: AuthenticatedCaller = {
    authMethods: [],
    actionCids: [],
    addresses: [verified.capabilityAddress],
  };
  if (verified.capabilityKind !== 'network') return caller;
  const context = resolvedAuthContext(verified.capabilitySiwe.resources ?? []);
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
