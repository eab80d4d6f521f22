import { memo, useId, useState } from 'react';
import type { SessionSummary } from '../../messages';
import { useClock } from '../shared/clock';
import { expiryState, relativeTime, type ExpiryState } from '../shared/relative-time';
import { ActivityList } from './ActivityList';
import { sessionName } from './session-name';
import { capacityLine, pkpSigningLine } from './session-policy';

const walletWords = {
  page: "the site's wallet",
  builtin: 'the built-in account',
  unknown: 'a wallet',
} as const;

// One formatter for every row: creating one per toLocaleString call is what makes long lists slow.
const absoluteTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** The session's kind in words, with what it is for: the PKP's address or the action's CID. */
function Kind({ session }: { session: SessionSummary }) {
  if (session.authMethod === 'wallet' || !session.pkp) {
    return (
      <p className="kind" data-testid="session-kind">
        Wallet session
      </p>
    );
  }
  return (
    <p className="kind" data-testid="session-kind">
      {session.authMethod === 'lit-action' ? 'Lit Action session' : 'PKP session'} · PKP{' '}
      <code title={session.pkp.publicKey}>{session.pkp.address}</code>
      {session.litAction && (
        <>
          {' '}
          · action <code data-testid="session-action-cid">{session.litAction.cid}</code>
        </>
      )}
    </p>
  );
}

/** "Expires in 3 h" with the absolute time on hover, and a badge when ending soon or ended. */
function Expiry({ iso }: { iso: string }) {
  const expiration = Date.parse(iso);
  // One string for both: the row re-renders when what it shows changes, not at every tick.
  const shown = useClock(
    (now) => `${expiryState(expiration, now)} ${relativeTime(expiration, now)}`,
  );
  const state = shown.slice(0, shown.indexOf(' ')) as ExpiryState;
  const relative = shown.slice(shown.indexOf(' ') + 1);
  return (
    <p>
      {state === 'expired' ? 'Expired ' : 'Expires '}
      <time dateTime={iso} title={absoluteTime.format(expiration)} data-testid="expires">
        {relative}
      </time>
      {state !== 'active' && (
        <span className={`badge ${state}`} data-testid="expiry-badge">
          {state === 'expired' ? 'Expired' : 'Expiring soon'}
        </span>
      )}
    </p>
  );
}

export const SessionItem = memo(function SessionItem({
  session,
  revoking,
  onRevoke,
}: {
  session: SessionSummary;
  /** True while its revocation runs: the button waits. */
  revoking: boolean;
  onRevoke: () => void;
}) {
  const signing = pkpSigningLine(session);
  const credit = capacityLine(session.capacityDelegation);
  const activityId = useId();
  const [showActivity, setShowActivity] = useState(false);
  return (
    <li
      className="session"
      data-testid="session"
      data-session-id={session.id}
      data-kind={session.authMethod}
    >
      <Kind session={session} />
      <ul className="plain capabilities" aria-label="Capabilities">
        {session.capabilities.map((c) => (
          <li key={`${c.resource} ${c.ability}`}>
            <strong>{c.label}</strong>{' '}
            <code className="muted" title={c.ability}>
              {c.resource}
            </code>
          </li>
        ))}
      </ul>
      <p className="muted">
        {session.authWallet ? (
          <>
            Authenticated by {walletWords[session.walletSource]}{' '}
            <code title={session.authWallet}>{shortAddress(session.authWallet)}</code>
          </>
        ) : (
          <>
            Signed by {walletWords[session.walletSource]}{' '}
            <code title={session.address}>{shortAddress(session.address)}</code>
          </>
        )}
      </p>
      <Expiry iso={session.expiration} />
      {signing && <p data-testid="pkp-signing">{signing}</p>}
      {credit && (
        <p
          data-testid="capacity-credit"
          title={`Delegated by ${session.capacityDelegation!.owner}`}
        >
          {credit}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="secondary"
          aria-expanded={showActivity}
          aria-controls={showActivity ? activityId : undefined}
          aria-label={`Activity of ${sessionName(session)}`}
          onClick={() => setShowActivity((shown) => !shown)}
        >
          Activity
        </button>
        <button
          type="button"
          className="secondary"
          disabled={revoking}
          onClick={onRevoke}
          aria-label={`Revoke ${sessionName(session)}`}
        >
          Revoke
        </button>
      </div>
      {showActivity && <ActivityList id={activityId} sessionId={session.id} />}
    </li>
  );
});
