import { useSessions } from './sessions-store';
import { SessionList } from './SessionList';

export function Popup() {
  // Loaded and kept live from main.tsx, before this renders.
  const { status, error } = useSessions();

  return (
    <main style={{ width: 380 }}>
      <h1>Lit Companion</h1>
      {error && (
        <p className="error" role="alert">
          Could not reach the extension: {error}
        </p>
      )}
      {!status && !error && (
        <p className="muted" role="status" aria-busy="true" data-testid="loading">
          Loading sessions…
        </p>
      )}
      {status && (
        <>
          <p className="muted" data-testid="version">
            Version {status.version}
          </p>
          <SessionList sessions={status.sessions} />
        </>
      )}
    </main>
  );
}
