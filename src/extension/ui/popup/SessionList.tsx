import type { SessionSummary } from '../../messages';

export function SessionList({ sessions }: { sessions: SessionSummary[] }) {
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" style={{ fontSize: 14, margin: 0 }}>
        Active sessions
      </h2>
      {sessions.length === 0 ? (
        <p className="muted" data-testid="no-sessions">
          No active sessions. When a site asks for a Lit session, you approve it here first.
        </p>
      ) : (
        <ul data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id}>
              <strong>{s.origin}</strong>: {s.capabilities.length} capabilities, until{' '}
              {new Date(s.expiration).toLocaleString()}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
