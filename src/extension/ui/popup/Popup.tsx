import { useEffect } from 'react';
import { useSessions } from './sessions-store';
import { SessionList } from './SessionList';

export function Popup() {
  const { status, error, watch } = useSessions();
  // The first load starts in main.tsx, before this renders; later ones follow storage changes.
  useEffect(() => watch(), [watch]);

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
