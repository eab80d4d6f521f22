// Pending requests as the approval window shows them: capabilities in plain words.
import { capabilityForAbility, resourceKey } from '../../protocol/resources';
import type { ConfirmationView, PendingApprovalView } from '../messages';
import { maxExpirationOf } from './approvals';
import { purposeOf, type PendingApproval, type PendingConfirmation } from './pending-approvals';
import { capabilityLabel } from './session-summaries';
import { decodeTransaction } from './transaction-view';

function confirmationView(c: PendingConfirmation): ConfirmationView {
  if (c.purpose === 'confirm-lit-action') {
    return { ...c, jsParams: JSON.stringify(c.jsParams, null, 2) };
  }
  // Checked (decoded, hash equal to the digest) before it was queued.
  return { ...c, transaction: c.transaction === null ? null : decodeTransaction(c.transaction) };
}

export function toPendingView(p: PendingApproval): PendingApprovalView {
  return {
    id: p.id,
    origin: p.origin,
    purpose: purposeOf(p),
    confirmation: p.confirmation ? confirmationView(p.confirmation) : null,
    forMethod: p.forMethod ?? null,
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
      // Signed into the ReCap with the capability, so the user sees it (at most 4 KB of JSON).
      data: r.data === undefined ? null : JSON.stringify(r.data, null, 2),
    })),
    requestedExpiration: p.requestedExpiration,
    // Counted from the request's creation, not from each read: an open-ended request's limit
    // (30 days) would otherwise move with every reload of the window.
    maxExpiration: maxExpirationOf(p, Date.parse(p.createdAt)).toISOString(),
    walletSource: p.walletSource,
    pageWallets: p.pageWallets,
    createdAt: p.createdAt,
    state: p.state === 'authorizing' ? 'authorizing' : 'waiting',
  };
}
