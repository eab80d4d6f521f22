// Sessions as pages see them: capabilities in plain words, nothing else of the record's internals.
import { capabilityForAbility } from '../../protocol/resources';
import type { OriginSession, SessionCapability, SessionSummary } from '../messages';
import type { SessionRecord } from './session-records';

export function capabilityLabel(ability: string): string {
  return capabilityForAbility(ability)?.label ?? ability;
}

function capabilitiesOf(record: SessionRecord): SessionCapability[] {
  return record.capabilities.map((c) => ({ ...c, label: capabilityLabel(c.ability) }));
}

/** What `lit_getSessions` and `sessionsChanged` give the session's own origin. */
export function toOriginSession(record: SessionRecord): OriginSession {
  return {
    id: record.id,
    publicKey: record.publicKey,
    authMethod: record.authMethod,
    walletSource: record.walletSource,
    address: record.address,
    ...(record.authWallet && { authWallet: record.authWallet }),
    ...(record.pkp && { pkp: record.pkp }),
    ...(record.litAction && {
      litAction: { cid: record.litAction.cid, size: record.litAction.size },
    }),
    capabilities: capabilitiesOf(record),
    issuedAt: record.issuedAt,
    expiration: record.expiration,
  };
}

/** What the popup shows. */
export function toSessionSummary(record: SessionRecord): SessionSummary {
  const delegation = record.capacityDelegation;
  return {
    ...toOriginSession(record),
    origin: record.origin,
    pkpSigning: record.pkpSigning ?? 'confirm',
    pageGetsSigs: record.pageGetsSigs === true,
    capacityDelegation: delegation
      ? { tokenId: delegation.tokenId, uses: delegation.uses, owner: delegation.owner }
      : null,
  };
}
