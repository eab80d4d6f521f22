import { useEffect, useState } from 'react';
import { askWorker } from '../shared/worker-client';

export function Options() {
  const [version, setVersion] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    askWorker({ type: 'ui_getStatus' }).then(
      (s) => setVersion(s.version),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  return (
    <main style={{ maxWidth: 640 }}>
      <h1>Lit Companion settings</h1>
      {error && <p className="error">Could not reach the extension: {error}</p>}
      {version && <p className="muted">Version {version}</p>}
      <section className="card">
        <h2 style={{ fontSize: 14, margin: 0 }}>Network</h2>
        <p className="muted">
          Lit Companion uses the local Lit devnet started by <code>npm start</code>.
        </p>
      </section>
    </main>
  );
}
