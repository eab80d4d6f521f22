import { useEffect, useState } from 'react';
import { askWorker } from '../shared/worker-client';
import { AccountSettings } from './AccountSettings';
import { CreditSettings } from './CreditSettings';
import { NetworkSettings } from './NetworkSettings';
import { PkpSettings } from './PkpSettings';

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
      {error && (
        <p className="error" role="alert">
          Could not reach the extension: {error}
        </p>
      )}
      {version && <p className="muted">Version {version}</p>}
      <NetworkSettings />
      <AccountSettings />
      <PkpSettings />
      <CreditSettings />
    </main>
  );
}
