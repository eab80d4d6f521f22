// The built-in account: create (the password typed twice), import, lock, unlock, delete. The state
// follows the worker live: an unlock in the approval window, a lock or a create in another tab.
import { useId, useState } from 'react';
import type { InternalRequest } from '../../messages';
import { ACCOUNT_STORAGE_KEY, ACCOUNT_UNLOCKED_STORAGE_KEY } from '../../storage-keys';
import type { Parsed } from '../shared/whole-number';
import { askWorker } from '../shared/worker-client';
import { createRequest, importRequest, mismatch, unlockRequest } from './account-form';
import { LoadError } from './LoadError';
import { useWorkerValue } from './use-worker-value';
import type { StorageWatch } from './worker-value';

type AccountRequest = Extract<
  InternalRequest,
  { type: `ui_${'create' | 'import' | 'unlock' | 'lock' | 'delete'}Account` }
>;

const askAccount = () => askWorker({ type: 'ui_getAccount' });
/** The keystore (created, imported, deleted) and the unlocked key (unlocked, locked). */
const ACCOUNT_WATCHES: readonly StorageWatch[] = [
  { area: 'local', key: ACCOUNT_STORAGE_KEY },
  { area: 'session', key: ACCOUNT_UNLOCKED_STORAGE_KEY },
];

const ready = (value: AccountRequest): Parsed<AccountRequest> => ({ ok: true, value });

export function AccountSettings() {
  const ids = useId();
  const {
    value: account,
    error: loadError,
    reload,
    show,
  } = useWorkerValue(askAccount, ACCOUNT_WATCHES);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const run = async (request: Parsed<AccountRequest>, done: string) => {
    // The buttons are disabled until their form is complete; this is the last word.
    if (!request.ok) {
      setMessage(request.reason);
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      show(await askWorker(request.value));
      setPassword('');
      setConfirm('');
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

  const differs = mismatch(password, confirm);
  const create = createRequest(password, confirm);
  const importing = importRequest(privateKey, password, confirm);
  const unlock = unlockRequest(password);

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Built-in account</h2>
      <p className="muted">
        For signing sessions without a wallet. Its key is kept encrypted with your password; once
        unlocked it stays unlocked until you lock it or close the browser.
      </p>
      {loadError && (
        <LoadError
          what="The built-in account"
          error={loadError}
          onRetry={reload}
          testId="account"
        />
      )}
      {!account && !loadError && <p className="muted">Loading…</p>}
      {account && !account.address && (
        <fieldset disabled={busy}>
          {passwordField}
          <label htmlFor={`${ids}-confirm`}>Confirm the password</label>
          <input
            id={`${ids}-confirm`}
            type="password"
            autoComplete="new-password"
            value={confirm}
            aria-invalid={differs !== null}
            aria-describedby={differs ? `${ids}-mismatch` : undefined}
            onChange={(e) => setConfirm(e.target.value)}
          />
          {differs && (
            <p
              id={`${ids}-mismatch`}
              className="error"
              role="alert"
              data-testid="password-mismatch"
            >
              {differs}
            </p>
          )}
          <p>
            <button
              type="button"
              disabled={!create.ok}
              aria-describedby={create.ok ? undefined : `${ids}-why-create`}
              onClick={() => void run(create, 'Account created.')}
            >
              Create account
            </button>
          </p>
          {!create.ok && (
            <p id={`${ids}-why-create`} className="muted">
              {create.reason}
            </p>
          )}
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
              disabled={!importing.ok}
              aria-describedby={importing.ok ? undefined : `${ids}-why-import`}
              onClick={() => void run(importing, 'Account imported.')}
            >
              Import
            </button>
          </p>
          {!importing.ok && (
            <p id={`${ids}-why-import`} className="muted">
              {importing.reason}
            </p>
          )}
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
              onClick={() => void run(ready({ type: 'ui_lockAccount' }), 'Locked.')}
            >
              Lock
            </button>
          ) : (
            <>
              {passwordField}
              <p>
                <button
                  type="button"
                  disabled={!unlock.ok}
                  onClick={() => void run(unlock, 'Unlocked.')}
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
                onClick={() => void run(ready({ type: 'ui_deleteAccount' }), 'Account deleted.')}
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
