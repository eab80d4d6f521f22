// How the popup names one session to a screen reader: its Activity and Revoke buttons sit in a
// list of sessions, so "Activity" alone would be read N times with nothing to tell them apart.
import type { SessionSummary } from '../../messages';

const kindWords = {
  wallet: 'session',
  pkp: 'PKP session',
  'lit-action': 'Lit Action session',
} as const;

/** "the PKP session of https://app.example (Sign with your Lit key, Run any Lit Action)". */
export function sessionName(
  session: Pick<SessionSummary, 'authMethod' | 'origin' | 'capabilities'>,
): string {
  const capabilities = session.capabilities.map((c) => c.label).join(', ');
  return `the ${kindWords[session.authMethod]} of ${session.origin} (${capabilities})`;
}
