import { useId, useState } from 'react';
import browser from 'webextension-polyfill';
import { SETTINGS_STORAGE_KEY } from '../../storage-keys';
import { durationLabel } from '../shared/relative-time';
import { askWorker } from '../shared/worker-client';
import { LoadError } from './LoadError';
import { useWorkerValue } from './use-worker-value';
import type { StorageWatch } from './worker-value';

const askSettings = () => askWorker({ type: 'ui_getSettings' });
const SETTINGS_WATCHES: readonly StorageWatch[] = [{ area: 'local', key: SETTINGS_STORAGE_KEY }];

const LENGTHS = [60, 4 * 60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60];

/** The devnet (and anything else on this machine) needs no extra permission. */
function isLoopback(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost';
  } catch {
    return false;
  }
}

export function NetworkSettings() {
  const ids = useId();
  const settings = useWorkerValue(askSettings, SETTINGS_WATCHES);
  // What the user typed or picked (null: not touched), over the stored settings; those follow
  // changes saved elsewhere (another options tab) until the user edits the field.
  const [editedUrl, setRpcUrl] = useState<string | null>(null);
  const [editedMinutes, setMinutes] = useState<number | null>(null);
  const loaded = settings.value !== null;
  const rpcUrl = editedUrl ?? settings.value?.rpcUrl ?? '';
  const minutes = editedMinutes ?? settings.value?.defaultSessionMinutes ?? 24 * 60;
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setStatus(null);
    try {
      // Nodes of other networks live on other hosts: the user grants that in this click.
      if (!isLoopback(rpcUrl)) {
        const granted = await browser.permissions.request({
          origins: ['http://*/*', 'https://*/*'],
        });
        if (!granted) throw new Error('Lit Companion needs permission to reach that network');
      }
      const { network } = await askWorker({
        type: 'ui_setSettings',
        settings: { rpcUrl: rpcUrl.trim(), defaultSessionMinutes: minutes },
      });
      setStatus(
        'nodes' in network
          ? `Saved. Connected to ${network.nodes} Lit nodes.`
          : `Saved, but the network did not answer: ${network.error}`,
      );
    } catch (e) {
      setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${ids}-title`}>Network</h2>
      <p className="muted">
        The local Lit devnet (<code>npm start</code>) by default, or any Lit v7 network by the
        JSON-RPC URL of its chain.
      </p>
      {settings.error && (
        <LoadError
          what="The network settings"
          error={settings.error}
          onRetry={settings.reload}
          testId="settings"
        />
      )}
      {!loaded && !settings.error && <p className="muted">Loading…</p>}
      <label htmlFor={`${ids}-rpc`}>Chain RPC URL</label>
      <input
        id={`${ids}-rpc`}
        type="url"
        required
        value={rpcUrl}
        disabled={!loaded}
        onChange={(e) => setRpcUrl(e.target.value)}
      />
      <label htmlFor={`${ids}-length`}>Default session length</label>
      <select
        id={`${ids}-length`}
        value={minutes}
        disabled={!loaded}
        onChange={(e) => setMinutes(Number(e.target.value))}
      >
        {[...new Set([...LENGTHS, minutes])]
          .sort((a, b) => a - b)
          .map((m) => (
            <option key={m} value={m}>
              {durationLabel(m)}
            </option>
          ))}
      </select>
      <p>
        <button type="submit" disabled={!loaded || busy}>
          Save
        </button>
      </p>
      <p role="status" data-testid="network-status">
        {status}
      </p>
    </form>
  );
}
