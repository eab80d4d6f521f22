// The user's PKPs for the configured network: on the devnet, create one for the built-in account
// or any wallet address (through the devnet's admin API); on any network, add an existing one by
// its public key. A dApp asks for a PKP session with one of these public keys.
import { useCallback, useEffect, useId, useState } from 'react';
import browser from 'webextension-polyfill';
import type { AccountStatus, KnownPkp } from '../../messages';
import { ACCOUNT_STORAGE_KEY, PKPS_STORAGE_KEY, SETTINGS_STORAGE_KEY } from '../../storage-keys';
import { askWorker } from '../shared/worker-client';
import { LoadError } from './LoadError';
import { controllerFor, type ControllerChoice } from './pkp-controller';

export function PkpSettings() {
  const ids = useId();
  const [pkps, setPkps] = useState<KnownPkp[] | null>(null);
  const [devnet, setDevnet] = useState(false);
  const [account, setAccount] = useState<AccountStatus | null>(null);
  // The user's choice (null: none yet), kept as made: the list's reloads do not touch it.
  const [chosenController, setController] = useState<ControllerChoice | null>(null);
  const controller = controllerFor(chosenController, !!account?.address);
  const [address, setAddress] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    const apply = ([list, status]: [{ pkps: KnownPkp[]; devnet: boolean }, AccountStatus]) => {
      setPkps(list.pkps);
      setDevnet(list.devnet);
      setAccount(status);
      setLoadError(null);
    };
    // A failed load is said with a Retry: the list would otherwise say "Loading…" for ever.
    return Promise.all([
      askWorker({ type: 'ui_listPkps' }),
      askWorker({ type: 'ui_getAccount' }),
    ]).then(apply, (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, []);

  useEffect(() => {
    void load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local') return;
      const watched = [SETTINGS_STORAGE_KEY, PKPS_STORAGE_KEY, ACCOUNT_STORAGE_KEY];
      if (watched.some((key) => key in changes)) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [load]);

  const run = async (action: () => Promise<KnownPkp>, done: (p: KnownPkp) => string) => {
    setBusy(true);
    setMessage(null);
    try {
      const pkp = await action();
      setMessage(done(pkp));
      setPublicKey('');
      await load();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    run(
      () =>
        askWorker({
          type: 'ui_createPkp',
          controller: controller === 'builtin' ? 'builtin' : address.trim(),
        }),
      (p) => `Created PKP ${p.address}.`,
    );
  const add = () =>
    run(
      () => askWorker({ type: 'ui_addPkp', publicKey: publicKey.trim() }),
      (p) => `Added PKP ${p.address}.`,
    );
  const remove = async (tokenId: string) => {
    setBusy(true);
    try {
      setPkps((await askWorker({ type: 'ui_removePkp', tokenId })).pkps);
      setMessage('Removed from the list (the PKP itself still exists).');
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>PKPs</h2>
      <p className="muted">
        A PKP is a key the Lit nodes hold together. A site can ask for a session of one of your
        PKPs: your wallet proves who you are, and the nodes sign for the PKP.
      </p>
      {loadError && (
        <LoadError what="Your PKPs" error={loadError} onRetry={() => void load()} testId="pkps" />
      )}
      {!pkps && !loadError && <p className="muted">Loading…</p>}
      {pkps && pkps.length === 0 && <p data-testid="no-pkps">No PKPs for this network yet.</p>}
      {pkps && pkps.length > 0 && (
        <ul className="plain" aria-label="Your PKPs" data-testid="pkp-list">
          {pkps.map((p) => (
            <li key={p.tokenId} className="session" data-testid="pkp">
              <p>
                <code data-testid="pkp-address">{p.address}</code>
                {p.controller && (
                  <span className="muted">
                    {' '}
                    for <code>{p.controller}</code>
                  </span>
                )}
              </p>
              <label htmlFor={`${ids}-${p.tokenId}`}>Public key</label>
              <input
                id={`${ids}-${p.tokenId}`}
                readOnly
                value={p.publicKey}
                data-testid="pkp-public-key"
                onFocus={(e) => e.currentTarget.select()}
              />
              <p>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  aria-label={`Remove PKP ${p.address} from the list`}
                  onClick={() => void remove(p.tokenId)}
                >
                  Remove
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
      {devnet && (
        <fieldset disabled={busy}>
          <legend>Create a PKP on the devnet</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-controller`}
              disabled={!account?.address}
              checked={controller === 'builtin'}
              onChange={() => setController('builtin')}
            />
            <span>
              For the built-in account{' '}
              {account?.address ? (
                <code>{account.address}</code>
              ) : (
                <span className="muted">(none yet)</span>
              )}
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-controller`}
              checked={controller === 'address'}
              onChange={() => setController('address')}
            />
            <span>For another wallet (e.g. your browser wallet)</span>
          </label>
          {controller === 'address' && (
            <>
              <label htmlFor={`${ids}-address`}>Wallet address</label>
              <input
                id={`${ids}-address`}
                value={address}
                placeholder="0x…"
                onChange={(e) => setAddress(e.target.value)}
              />
            </>
          )}
          <p>
            <button
              type="button"
              disabled={controller === 'address' && !/^0x[0-9a-fA-F]{40}$/.test(address.trim())}
              onClick={() => void create()}
            >
              Create PKP
            </button>
          </p>
        </fieldset>
      )}
      <fieldset disabled={busy}>
        <label htmlFor={`${ids}-add`}>Add an existing PKP by its public key</label>
        <input
          id={`${ids}-add`}
          value={publicKey}
          placeholder="0x04…"
          onChange={(e) => setPublicKey(e.target.value)}
        />
        <p>
          <button
            type="button"
            className="secondary"
            disabled={publicKey.trim() === ''}
            onClick={() => void add()}
          >
            Add PKP
          </button>
        </p>
      </fieldset>
      <p role="status" data-testid="pkp-message">
        {message}
      </p>
    </section>
  );
}
