import { useId, useMemo, useState } from 'react';
import type {
  AccountStatus,
  PendingApprovalView,
  ProviderErrorJson,
  WalletSource,
} from '../../messages';
import { durationLabel } from '../shared/relative-time';
import { useNow } from '../shared/use-now';
import { askWorker } from '../shared/worker-client';
import { PkpDetails } from './PkpDetails';
import { SigningProgress } from './SigningProgress';

/** Session lengths offered, in minutes (those past the request's limit are left out). */
const LENGTHS = [10, 60, 4 * 60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60];

type Signer = { source: 'page'; walletId: string } | { source: 'builtin' };

function initialSigner(request: PendingApprovalView, account: AccountStatus): Signer | null {
  const wallet = request.pageWallets[0];
  if (request.walletSource !== 'builtin' && wallet) return { source: 'page', walletId: wallet.id };
  if (request.walletSource !== 'page' && account.address) return { source: 'builtin' };
  return null;
}

export function ApprovalRequest({
  request,
  account,
  defaultSessionMinutes,
  onFailed,
  onDeciding,
  onDone,
}: {
  request: PendingApprovalView;
  account: AccountStatus;
  defaultSessionMinutes: number;
  /** The request ended with this error while it was being authorized. */
  onFailed: (error: ProviderErrorJson) => void;
  /** True while a decision is on its way to the worker. */
  onDeciding: (deciding: boolean) => void;
  onDone: () => Promise<void>;
}) {
  const ids = useId();
  const now = useNow(30_000);
  const maxMinutes = Math.floor((Date.parse(request.maxExpiration) - now) / 60_000);
  const lengths = useMemo(() => {
    const fitting = LENGTHS.filter((m) => m <= maxMinutes);
    return fitting.includes(maxMinutes) || maxMinutes < 1 ? fitting : [...fitting, maxMinutes];
  }, [maxMinutes]);
  const [minutes, setMinutes] = useState(() =>
    Math.min(defaultSessionMinutes, Math.max(...lengths, 0)),
  );
  const [signer, setSigner] = useState<Signer | null>(() => initialSigner(request, account));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(request.state === 'authorizing');
  const [error, setError] = useState<string | null>(null);
  const needsPassword = signer?.source === 'builtin' && !account.unlocked;
  const isPkp = request.kind !== 'wallet';

  const decide = async (approve: boolean) => {
    setBusy(true);
    setError(null);
    onDeciding(true);
    try {
      const decided = await askWorker({
        type: 'ui_decide',
        pendingId: request.id,
        decision: approve
          ? {
              approve: true,
              walletSource: signer!.source as WalletSource,
              ...(signer!.source === 'page' ? { walletId: signer!.walletId } : {}),
              expiration: new Date(
                Math.min(Date.now() + minutes * 60_000, Date.parse(request.maxExpiration)),
              ).toISOString(),
              ...(needsPassword ? { password } : {}),
            }
          : { approve: false },
      });
      if (decided.outcome === 'failed') onFailed(decided.error);
      onDeciding(false);
      await onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
      onDeciding(false);
      await onDone();
    }
  };

  return (
    <form
      className="card"
      aria-labelledby={`${ids}-origin`}
      onSubmit={(e) => {
        e.preventDefault();
        void decide(true);
      }}
    >
      <h2 id={`${ids}-origin`}>
        <span data-testid="origin">{request.origin}</span> asks for a Lit session
      </h2>
      <PkpDetails request={request} />
      <p className="muted">
        {isPkp
          ? 'With a session key of this PKP, signed by the Lit nodes, it will be able to, until the session ends or you revoke it:'
          : 'It will be able to, until the session ends or you revoke it:'}
      </p>
      <ul className="plain capabilities" data-testid="capabilities">
        {request.capabilities.map((c) => (
          <li key={`${c.resource} ${c.ability}`}>
            <strong>{c.label}</strong>: {c.description}
            <br />
            <code className="muted">{c.resource}</code>
          </li>
        ))}
      </ul>

      <fieldset disabled={busy}>
        <legend>{isPkp ? 'Authenticate to the Lit nodes with' : 'Sign with'}</legend>
        {request.walletSource !== 'builtin' &&
          request.pageWallets.map((w) => (
            <label key={w.id} className="choice">
              <input
                type="radio"
                name={`${ids}-signer`}
                checked={signer?.source === 'page' && signer.walletId === w.id}
                onChange={() => setSigner({ source: 'page', walletId: w.id })}
              />
              <span>
                The site&apos;s wallet: {w.name}{' '}
                <code>{w.accounts[0] ?? '(it will ask you for an account)'}</code>
              </span>
            </label>
          ))}
        {request.walletSource !== 'page' && (
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-signer`}
              disabled={!account.address}
              checked={signer?.source === 'builtin'}
              onChange={() => setSigner({ source: 'builtin' })}
            />
            <span>
              The built-in account{' '}
              {account.address ? (
                <code>{account.address}</code>
              ) : (
                <span className="muted">(none yet: create one in the options page)</span>
              )}
            </span>
          </label>
        )}
        {needsPassword && (
          <>
            <label htmlFor={`${ids}-password`}>Password of the built-in account</label>
            <input
              id={`${ids}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </>
        )}

        <label htmlFor={`${ids}-length`}>Session ends</label>
        <select
          id={`${ids}-length`}
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
        >
          {lengths.map((m) => (
            <option key={m} value={m}>
              in {durationLabel(m)} ({new Date(now + m * 60_000).toLocaleString()})
            </option>
          ))}
        </select>
      </fieldset>

      {busy && !request.progress && (
        <p role="status" className="muted">
          {signer?.source === 'page' ? 'Waiting for your wallet to sign…' : 'Signing…'}
        </p>
      )}
      {request.progress && <SigningProgress progress={request.progress} />}
      {error && (
        <p role="alert" className="error" data-testid="approval-error">
          {error}
        </p>
      )}
      <div className="row" style={{ marginTop: 12 }}>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void decide(false)}
        >
          Deny
        </button>
        <button type="submit" disabled={busy || !signer || (needsPassword && password.length < 8)}>
          Approve
        </button>
      </div>
    </form>
  );
}
