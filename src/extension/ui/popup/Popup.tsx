import { useEffect } from 'react';
import { useStatus } from './status-store';
import { SessionList } from './SessionList';

export function Popup() {
  const { status, error, load } = useStatus();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main style={{ width: 360 }}>
      <h1>Lit Companion</h1>
      {error && (
        <p className="error" role="alert">
          Could not reach the extension: {error}
        </p>
      )}
      {!status && !error && <p className="muted">Loading…</p>}
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
