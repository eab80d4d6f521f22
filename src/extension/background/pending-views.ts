// Pending requests as the approval window shows them: capabilities in plain words.
import { capabilityForAbility, resourceKey } from '../../protocol/resources';
import type { PendingApprovalView } from '../messages';
import { maxExpirationOf } from './approvals';
import type { PendingApproval } from './pending-approvals';
import { capabilityLabel } from './session-summaries';

export function toPendingView(p: PendingApproval, now = Date.now()): PendingApprovalView {
  return {
    id: p.id,
    origin: p.origin,
    purpose: 'session',
    confirmation: null,
    forMethod: null,
    kind: p.kind,
    pkp: p.pkp ?? null,
    litAction: p.litAction
      ? {
          cid: p.litAction.cid,
          size: p.litAction.size,
          code: p.litAction.code,
          jsParams: JSON.stringify(p.litAction.jsParams, null, 2),
        }
      : null,
    progress: p.state === 'authorizing' ? (p.progress ?? null) : null,
    capabilities: p.resourceAbilityRequests.map((r) => ({
      resource: resourceKey(r.resource),
      ability: r.ability,
      label: capabilityLabel(r.ability),
      description: capabilityForAbility(r.ability)?.description ?? '',
    })),
    requestedExpiration: p.requestedExpiration,
    maxExpiration: maxExpirationOf(p, now).toISOString(),
    walletSource: p.walletSource,
    pageWallets: p.pageWallets,
    createdAt: p.createdAt,
    state: p.state === 'authorizing' ? 'authorizing' : 'waiting',
  };
}
