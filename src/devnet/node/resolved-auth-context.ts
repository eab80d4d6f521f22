// The one rule for the `lit-resolvedauthcontext` resource (wire doc §8 steps 1 and 7): a client
// may never name it, and a node reads it only where sign_session_key put it. The node merges its
// context into the SIWE's last resource (`addRecapToSiwe`), so that is the only place a context
// can be the network's; the same key anywhere else, or more than one context, means the client
// wrote it, and such a capability is refused rather than read.
import { z } from 'zod';
import { LitNodeError } from '../../protocol/errors';
import { decodeRecap, type Recap, RECAP_URN_PREFIX } from '../../protocol/recap';
import type { SiweFields } from '../../protocol/siwe';
import type { ResolvedAuthContext } from './sign-session-key';

/** The resource key the nodes write their resolved auth context under. */
export const RESOLVED_AUTH_CONTEXT_KEY = 'lit-resolvedauthcontext://*';
// URI schemes are case-insensitive, so a differently cased key names the same resource.
const RESERVED = 'lit-resolvedauthcontext';

const AuthContextSchema = z.strictObject({
  actionIpfsIds: z.array(z.string().max(128)).max(16),
  authMethodContexts: z
    .array(
      z.strictObject({
        appId: z.string().max(256),
        authMethodType: z.number().int(),
        usedForSignSessionKeyRequest: z.boolean(),
        userId: z.string().max(256),
      }),
    )
    .max(16),
  authSigAddress: z.string().max(256).nullable(),
  customAuthResource: z.string().max(1024),
  resources: z.array(z.unknown()).max(16),
});

/** Whether a recap grants anything on the reserved resource, under any spelling of its key. */
export function recapNamesResolvedAuthContext(recap: Recap): boolean {
  return Object.keys(recap.att).some((key) => key.toLowerCase().startsWith(RESERVED));
}

const refuse = (detail: string): never => {
  throw new LitNodeError('NodeSIWECapabilityInvalid', [detail]);
};

function decodeOrNull(resource: string): Recap | null {
  try {
    return decodeRecap(resource);
  } catch {
    return null; // an undecodable recap grants nothing, and carries no context either
  }
}

/**
 * The auth context the nodes resolved when they signed this (network) capability's SIWE, or null
 * when it has none. Throws `NodeSIWECapabilityInvalid` when the reserved resource appears
 * anywhere but the last resource's single `Auth/Auth` entry, or that entry is not the node's shape.
 */
export function readResolvedAuthContext(siwe: SiweFields): ResolvedAuthContext | null {
  const resources = siwe.resources ?? [];
  const last = resources.length - 1;
  for (let i = 0; i < last; i++) {
    const resource = resources[i]!;
    const recap = resource.startsWith(RECAP_URN_PREFIX) ? decodeOrNull(resource) : null;
    if (
      resource.toLowerCase().includes(RESERVED) ||
      (recap && recapNamesResolvedAuthContext(recap))
    )
      refuse(`resource ${i} names ${RESERVED}, which only the nodes' own (last) recap may`);
  }
  if (last < 0 || !resources[last]!.startsWith(RECAP_URN_PREFIX)) return null;
  const recap = decodeOrNull(resources[last]!);
  if (!recap) return null;
  const reserved = Object.keys(recap.att).filter((k) => k.toLowerCase().startsWith(RESERVED));
  if (reserved.length === 0) return null;
  if (reserved.length > 1 || reserved[0] !== RESOLVED_AUTH_CONTEXT_KEY)
    refuse(`the recap names ${RESERVED} other than as one ${RESOLVED_AUTH_CONTEXT_KEY}`);
  const abilities = recap.att[RESOLVED_AUTH_CONTEXT_KEY]!;
  const entries = abilities['Auth/Auth'];
  if (Object.keys(abilities).length !== 1 || entries?.length !== 1)
    refuse(`${RESOLVED_AUTH_CONTEXT_KEY} must hold exactly one Auth/Auth entry`);
  const entry = entries![0]!;
  if (Object.keys(entry).length !== 1)
    refuse(`${RESOLVED_AUTH_CONTEXT_KEY}: expected only an auth_context`);
  const parsed = AuthContextSchema.safeParse(entry.auth_context);
  if (!parsed.success) return refuse(`${RESOLVED_AUTH_CONTEXT_KEY}: not an auth context`);
  return parsed.data;
}
