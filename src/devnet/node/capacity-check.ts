// Capacity credits (wire doc §12, `--rate-limit`): with enforcement on, a request needs a credit
// its user owns or one delegated to them in the session's capabilities. Every capability must
// validate (an expired delegation breaks requests), the user must be in `delegate_to`, `uses` is
// counted per delegation signature in its canonical form (`signature-key.ts`: one signature
// however it is spelled), and each credit serves at most `requestsPerKilosecond` requests in any
// 1 000 s. Over the limit: `rate_limit_exceeded`, 402 (400 for pkp sign, as Lit does), "Try again
// at <time>".
import { CAPACITY_DELEGATION_URI, type AuthSig } from '../../protocol/auth-sig';
import { sessionDigest, verifyBlsSignature } from '../../protocol/bls';
import { LitNodeError } from '../../protocol/errors';
import { LIT_RESOURCE_PREFIX } from '../../protocol/resources';
import { instantFromMillis } from '../../protocol/rfc3339';
import { verifyCapabilitySignature } from '../../protocol/verify-capability';
import type { SessionSigVerified } from '../../protocol/verify-session-sig';
import type { CapacityCredit } from '../state/chain-types';
import type { NodeContext } from './context';
import { CapacityUsage, type CapacityGrant } from './capacity-usage';
import { capabilitySignatureKey } from './signature-key';

/** The endpoints that spend capacity; pkp sign answers 400 where the others answer 402. */
export type CapacityEndpoint = 'execute' | 'pkpSign' | 'decryption' | 'jwt';

/** Who asks: the user's address and the capabilities their session carries (none for a bare AuthSig). */
export interface CapacityCaller {
  address: string;
  capabilities: readonly AuthSig[];
}

/** The status Lit gives `rate_limit_exceeded` on pkp sign; LitNodeError's table has 402. */
class PkpSignRateLimitError extends LitNodeError {
  override readonly status = 400;
}

export function rateLimitExceeded(endpoint: CapacityEndpoint, message: string): LitNodeError {
  const E = endpoint === 'pkpSign' ? PkpSignRateLimitError : LitNodeError;
  return new E('rate_limit_exceeded', [], { message });
}

export const capacityCallerOf = (verified: SessionSigVerified): CapacityCaller => ({
  address: verified.capabilityAddress,
  capabilities: verified.signedMessage.capabilities,
});

export interface CapacityCheckDeps {
  enabled: boolean;
  now: () => number;
  networkPublicKey: Uint8Array;
  credit: (tokenId: string) => CapacityCredit | null;
  creditsOwnedBy: (address: string) => CapacityCredit[];
  usage: CapacityUsage;
}

export type CapacityCheck = (caller: CapacityCaller, endpoint: CapacityEndpoint) => void;

/** The one capacity check every rate-limited endpoint calls after its auth check. */
export function createCapacityCheck(deps: CapacityCheckDeps): CapacityCheck {
  return (caller, endpoint) => {
    if (!deps.enabled) return;
    const nowMs = deps.now();
    const grants = [...delegatedGrants(caller, deps, nowMs), ...ownGrants(caller, deps, nowMs)];
    const spent = deps.usage.spend(grants, nowMs);
    if (spent.ok) return;
    const when =
      spent.tryAgainAt === null
        ? 'Try again later.'
        : `Try again at ${new Date(spent.tryAgainAt).toISOString()}`;
    const why =
      grants.length === 0
        ? ` (no unexpired capacity credit is owned by or delegated to ${caller.address})`
        : '';
    throw rateLimitExceeded(endpoint, `Rate limit exceeded.  ${when}${why}`);
  };
}

/** The node's capacity check over its chain view and its own database. */
export function capacityCheckFor(ctx: NodeContext): CapacityCheck {
  return createCapacityCheck({
    enabled: ctx.rateLimit,
    now: ctx.now,
    networkPublicKey: ctx.networkPublicKey,
    credit: (id) => ctx.chain.capacityCredit(id),
    creditsOwnedBy: (address) => ctx.chain.capacityCreditsOwnedBy(address),
    usage: new CapacityUsage(ctx.nodeDb.db),
  });
}

const live = (credit: CapacityCredit | null, nowMs: number): credit is CapacityCredit =>
  credit !== null && credit.expiresAt * 1000 > nowMs;

function ownGrants(
  caller: CapacityCaller,
  deps: CapacityCheckDeps,
  nowMs: number,
): CapacityGrant[] {
  return deps
    .creditsOwnedBy(caller.address)
    .filter((c) => live(c, nowMs))
    .map((c) => ({ tokenId: c.tokenId, requestsPerKilosecond: c.requestsPerKilosecond }));
}

const invalid = (detail: string): never => {
  throw new LitNodeError('NodeSIWECapabilityInvalid', [detail]);
};

const DECIMAL = /^[0-9]{1,78}$/;
const bare = (address: string) => address.toLowerCase().replace(/^0x/, '');

/** Every capability validated; the delegations among them turned into grants for the caller. */
function delegatedGrants(
  caller: CapacityCaller,
  deps: CapacityCheckDeps,
  nowMs: number,
): CapacityGrant[] {
  const grants: CapacityGrant[] = [];
  const now = instantFromMillis(nowMs);
  const ctx = {
    blsVerify: verifyBlsSignature,
    sessionDigest,
    networkPublicKey: deps.networkPublicKey,
  };
  for (const capability of caller.capabilities) {
    const checked = verifyCapabilitySignature(capability, now, ctx);
    if (!checked.ok) throw checked.error;
    const { fields, recaps } = checked.value;
    if (fields.uri !== CAPACITY_DELEGATION_URI) continue;
    const delegator = fields.address;
    const signatureHash = capabilitySignatureKey(capability);
    for (const recap of recaps) {
      for (const [resource, abilities] of Object.entries(recap.att)) {
        const prefix = `${LIT_RESOURCE_PREFIX.RateLimitIncrease}://`;
        if (!resource.startsWith(prefix)) continue;
        const resourceId = resource.slice(prefix.length);
        if (resourceId !== '*' && !DECIMAL.test(resourceId)) {
          invalid(`${resource}: a capacity credit id is a decimal number or *`);
        }
        for (const nb of abilities['Auth/Auth'] ?? []) {
          const terms = readTerms(nb);
          if (terms.delegateTo && !terms.delegateTo.includes(bare(caller.address))) continue;
          const ids = terms.nftIds ?? (resourceId === '*' ? null : [resourceId]);
          const credits = ids === null ? deps.creditsOwnedBy(delegator) : ids.map(deps.credit);
          for (const credit of credits) {
            // A delegator can only hand out credits it owns.
            if (!live(credit, nowMs) || bare(credit.owner) !== bare(delegator)) continue;
            grants.push({
              tokenId: credit.tokenId,
              requestsPerKilosecond: credit.requestsPerKilosecond,
              delegation: { signatureHash, uses: terms.uses },
            });
          }
        }
      }
    }
  }
  return grants;
}

interface DelegationTerms {
  nftIds: string[] | null;
  delegateTo: string[] | null;
  uses: number | null;
}

function readTerms(nb: Record<string, unknown>): DelegationTerms {
  const strings = (key: string): string[] | null => {
    const v = nb[key];
    if (v === undefined) return null;
    if (!Array.isArray(v) || v.length > 1000 || !v.every((x) => typeof x === 'string')) {
      return invalid(`${key}: expected an array of strings`);
    }
    return v as string[];
  };
  const nftIds = strings('nft_id');
  if (nftIds?.some((id) => !DECIMAL.test(id))) invalid('nft_id: expected decimal credit ids');
  const delegateTo = strings('delegate_to');
  if (delegateTo?.some((a) => !/^(0x)?[0-9a-fA-F]{40}$/.test(a))) {
    invalid('delegate_to: expected addresses');
  }
  let uses: number | null = null;
  if (nb.uses !== undefined) {
    if (typeof nb.uses !== 'string' || !/^[0-9]{1,15}$/.test(nb.uses)) {
      invalid('uses: expected a decimal string');
    }
    uses = Number(nb.uses);
  }
  return { nftIds, delegateTo: delegateTo?.map(bare) ?? null, uses };
}
