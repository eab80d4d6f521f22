// What a session allows beyond its capabilities: how its PKP signatures are handled and the
// capacity credit delegated to it at approval, in the popup's words.
import type { SessionSummary } from '../../messages';

/** Null for sessions that cannot sign with a PKP (the policy would mean nothing there). */
export function pkpSigningLine(
  session: Pick<SessionSummary, 'pkpSigning' | 'capabilities' | 'pageGetsSigs'>,
): string | null {
  if (!session.capabilities.some((c) => c.ability === 'pkp-signing')) return null;
  // The site holds the sigs: it can ask the nodes itself, so no policy of ours applies.
  if (session.pageGetsSigs) return 'PKP signatures: the site can sign without asking you';
  return session.pkpSigning === 'allow'
    ? 'PKP signatures: allowed'
    : 'PKP signatures: confirmed one by one';
}

export function capacityLine(delegation: SessionSummary['capacityDelegation']): string | null {
  if (!delegation) return null;
  return `Capacity credit #${delegation.tokenId} (${delegation.uses} use${delegation.uses === 1 ? '' : 's'})`;
}
