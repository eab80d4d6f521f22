import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { SessionSummary } from '../../messages';
import { askWorker } from '../shared/worker-client';
import { byOrigin, firstListed } from './session-groups';
import { SessionItem } from './SessionItem';

// The first render lists this many sessions (more than the popup's 600 px show) and React adds the
// rest right after, in a background render: 200 rows at once took ~65 ms before anything showed.
const FIRST_RENDER_ROWS = 12;

export function SessionList({ sessions }: { sessions: SessionSummary[] }) {
  const listed = useDeferredValue(sessions, firstListed(sessions, FIRST_RENDER_ROWS));
  const groups = useMemo(() => byOrigin(listed), [listed]);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Sessions being revoked ('all' for Revoke all): their buttons wait, so a second click does not
  // report "already gone" right after the first one worked.
  const [revoking, setRevoking] = useState<ReadonlySet<string> | 'all'>(new Set());
  const revokeAllButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const closeConfirm = () => {
    setConfirming(false);
    // Back where the keyboard was, not lost on the page.
    requestAnimationFrame(() => revokeAllButton.current?.focus());
  };
  const confirmRevokeAll = () => {
    setConfirming(false);
    // "Revoke all" is disabled while it runs and gone once nothing is left: focus() on it would
    // leave the keyboard on <body>. The section's heading stays, right before it; the outcome is
    // read out from the status notice.
    requestAnimationFrame(() => heading.current?.focus());
    void revoke('all', () => askWorker({ type: 'ui_revokeAll' }));
  };

  const revoke = async (
    which: string | 'all',
    ask: () => Promise<{ revoked: number; network: { error?: string }[] }>,
  ) => {
    setRevoking((now) =>
      which === 'all' ? 'all' : new Set([...(now === 'all' ? [] : now), which]),
    );
    try {
      const { revoked, network } = await ask();
      const unreached = network.filter((n) => n.error).length;
      setNotice(
        `Revoked ${revoked} session${revoked === 1 ? '' : 's'}.` +
          (unreached ? ' Some Lit nodes were not reached yet; they will be told later.' : ''),
      );
    } catch (e) {
      setNotice(`Could not revoke: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRevoking((now) =>
        which === 'all' || now === 'all'
          ? new Set()
          : new Set([...now].filter((id) => id !== which)),
      );
    }
  };

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <div className="row">
        <h2 id="sessions-heading" ref={heading} tabIndex={-1}>
          Active sessions
        </h2>
        {sessions.length > 0 && !confirming && (
          <button
            ref={revokeAllButton}
            type="button"
            className="secondary"
            disabled={revoking === 'all'}
            onClick={() => setConfirming(true)}
          >
            Revoke all
          </button>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">
            Revoke all {sessions.length} sessions? Every site loses access until you approve it
            again.
          </p>
          <button type="button" className="danger" onClick={confirmRevokeAll}>
            Revoke all sessions
          </button>{' '}
          {/* Focus starts on the safe choice: Enter twice must not revoke everything. */}
          <button type="button" className="secondary" autoFocus onClick={closeConfirm}>
            Cancel
          </button>
        </div>
      )}
      <p role="status" className="muted" data-testid="notice">
        {notice}
      </p>
      {sessions.length === 0 ? (
        <p className="muted" data-testid="no-sessions">
          No active sessions. When a site asks for a Lit session, you approve it here first.
        </p>
      ) : (
        <ul data-testid="sessions" className="plain">
          {groups.map(([origin, list]) => (
            <li key={origin} data-testid="origin-group">
              <h3 className="origin">{origin}</h3>
              <ul className="plain" aria-label={`Sessions of ${origin}`}>
                {list.map((s) => (
                  <SessionItem
                    key={s.id}
                    session={s}
                    revoking={revoking === 'all' || revoking.has(s.id)}
                    onRevoke={() =>
                      void revoke(s.id, () =>
                        askWorker({ type: 'ui_revokeSession', sessionId: s.id }),
                      )
                    }
                  />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
