import { useEffect, useId, useState } from 'react';
import type { AccountStatus, InternalRequest } from '../../messages';
import { askWorker } from '../shared/worker-client';

type AccountRequest = Extract<
  InternalRequest,
  { type: `ui_${'create' | 'import' | 'unlock' | 'lock' | 'delete'}Account` }
>;

export function AccountSettings() {
  const ids = useId();
  const [account, setAccount] = useState<AccountStatus | null>(null);
  const [password, setPassword] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void askWorker({ type: 'ui_getAccount' }).then(setAccount);
  }, []);

  const run = async (request: AccountRequest, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      setAccount(await askWorker(request));
      setPassword('');
      setPrivateKey('');
      setMessage(done);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setConfirmDelete(false);
    }
  };

  const passwordField = (
    <>
      <label htmlFor={`${ids}-password`}>Password (at least 8 characters)</label>
      <input
        id={`${ids}-password`}
        type="password"
        autoComplete={account?.address ? 'current-password' : 'new-password'}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
    </>
  );

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Built-in account</h2>
      <p className="muted">
        For signing sessions without a wallet. Its key is kept encrypted with your password; once
        unlocked it stays unlocked until you lock it or close the browser.
      </p>
      {!account && <p className="muted">Loading…</p>}
      {account && !account.address && (
        <fieldset disabled={busy}>
          {passwordField}
          <p>
            <button
              type="button"
              disabled={password.length < 8}
              onClick={() => void run({ type: 'ui_createAccount', password }, 'Account created.')}
            >
              Create account
            </button>
          </p>
          <label htmlFor={`${ids}-key`}>Or import a private key (hex)</label>
          <input
            id={`${ids}-key`}
            type="password"
            autoComplete="off"
            value={privateKey}
            onChange={(e) => setPrivateKey(e.target.value)}
          />
          <p>
            <button
              type="button"
              className="secondary"
              disabled={password.length < 8 || privateKey.length === 0}
              onClick={() =>
                void run({ type: 'ui_importAccount', privateKey, password }, 'Account imported.')
              }
            >
              Import
            </button>
          </p>
        </fieldset>
      )}
      {account?.address && (
        <fieldset disabled={busy}>
          <p>
            <code data-testid="account-address">{account.address}</code>{' '}
            <span data-testid="account-state">{account.unlocked ? 'Unlocked' : 'Locked'}</span>
          </p>
          {account.unlocked ? (
            <button
              type="button"
              className="secondary"
              onClick={() => void run({ type: 'ui_lockAccount' }, 'Locked.')}
            >
              Lock
            </button>
          ) : (
            <>
              {passwordField}
              <p>
                <button
                  type="button"
                  disabled={password.length < 8}
                  onClick={() => void run({ type: 'ui_unlockAccount', password }, 'Unlocked.')}
                >
                  Unlock
                </button>
              </p>
            </>
          )}{' '}
          {confirmDelete ? (
            <span role="alertdialog" aria-label="Confirm deleting the account">
              Delete the account for good? Its key cannot be recovered.{' '}
              <button
                type="button"
                className="danger"
                onClick={() => void run({ type: 'ui_deleteAccount' }, 'Account deleted.')}
              >
                Delete for good
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              Delete account
            </button>
          )}
        </fieldset>
      )}
      <p role="status" data-testid="account-message">
        {message}
      </p>
    </section>
  );
}
