import { useEffect, useId, useRef, useState } from 'react';
import type {
  AccountStatus,
  PendingApprovalView,
  PkpSigningPolicy,
  ProviderErrorJson,
} from '../../messages';
import { useNow } from '../shared/use-now';
import { askWorker } from '../shared/worker-client';
import { attachedCredit, creditAvailability } from './credit-choice';
import { CreditChoice, type CreditValue } from './CreditChoice';
import { DecisionButtons } from './DecisionButtons';
import { CapabilityList } from './CapabilityList';
import {
  buildDecision,
  decisionAsShown,
  needsPassword as passwordNeeded,
  type Signer,
} from './decision';
import { OriginName } from './OriginName';
import { PkpDetails } from './PkpDetails';
import { PkpSigningChoice } from './PkpSigningChoice';
import {
  choiceOf,
  currentChoice,
  expirationOf,
  initialChoice,
  lengthOptions,
  MIN_LENGTH_MINUTES,
} from './session-length';
import { SigningProgress } from './SigningProgress';
import { useCredits } from './use-credits';
import { WalletName } from './WalletName';

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
  replacing,
  held,
  onDeciding,
  onDone,
}: {
  request: PendingApprovalView;
  account: AccountStatus;
  defaultSessionMinutes: number;
  /** The request ended with this error while it was being authorized. */
  onFailed: (error: ProviderErrorJson) => void;
  /** It took the place of another request: its heading takes the focus. */
  replacing: boolean;
  /** The decision buttons wait (`request-switch.ts`). */
  held: boolean;
  /** True while a decision is on its way to the worker. */
  onDeciding: (deciding: boolean) => void;
  onDone: () => Promise<void>;
}) {
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (replacing) heading.current?.focus();
  }, [replacing]);
  const now = useNow(30_000);
  const { maxExpiration } = request;
  const [length, setLength] = useState(() =>
    initialChoice(defaultSessionMinutes, maxExpiration, Date.now()),
  );
  const lengths = lengthOptions(
    { maxExpiration, siteAsked: request.requestedExpiration !== null },
    defaultSessionMinutes,
    now,
  );
  // What the select shows is what Approve signs: the choice as it stands now, always an option.
  const shownLength = currentChoice(length, maxExpiration, now);
  const [signer, setSigner] = useState<Signer | null>(() => initialSigner(request, account));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(request.state === 'authorizing');
  const [error, setError] = useState<string | null>(null);
  const canSignWithPkp = request.capabilities.some((c) => c.ability === 'pkp-signing');
  // Only a session made for a brokered call keeps its sigs from the site: only then can the
  // extension ask before each signature.
  const asksPkpSigning = canSignWithPkp && request.forMethod !== null;
  const [pkpSigning, setPkpSigning] = useState<PkpSigningPolicy>('confirm');
  const [chosenCredit, setCredit] = useState<CreditValue | null>(null);
  // Only while the chosen credit is still offered: it may end while the window is open.
  const creditOffer = creditAvailability(useCredits(), now);
  const credit = attachedCredit(chosenCredit, creditOffer);
  const needsPassword = passwordNeeded({ signer, account, credit });
  const isPkp = request.kind !== 'wallet';
  const form = {
    signer,
    account,
    password,
    length,
    maxExpiration,
    pkpSigning: asksPkpSigning ? pkpSigning : null,
    credit,
  };
  // Re-checked against the clock when the decision is sent; this one only enables the button.
  const ready = buildDecision(form, now);

  const decide = async (approve: boolean) => {
    setBusy(true);
    setError(null);
    onDeciding(true);
    try {
      // The options (and the end each one prints) come from `now`, the last tick: signing from
      // `Date.now()` would end the session up to 30 s after the time the user read.
      const built = approve ? decisionAsShown(form, now, Date.now()) : null;
      if (built && !built.ok) throw new Error(built.reason);
      const decided = await askWorker({
        type: 'ui_decide',
        pendingId: request.id,
        decision: built ? built.value : { approve: false },
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
        // Enter in a field submits too: not while the buttons wait.
        if (!held) void decide(true);
      }}
    >
      <h2 id={`${ids}-origin`} ref={heading} tabIndex={-1}>
        <OriginName origin={request.origin} /> asks for a Lit session
      </h2>
      {request.forMethod && (
        <>
          <p data-testid="for-method">Needed for {request.forMethod}</p>
          <p className="muted">
            The site called <code>{request.forMethod}</code>, and none of its sessions covers what
            that needs. Approving creates a session that does; denying refuses the call.
          </p>
        </>
      )}
      <PkpDetails request={request} />
      <p className="muted">
        {isPkp
          ? 'With a session key of this PKP, signed by the Lit nodes, it will be able to, until the session ends or you revoke it:'
          : 'It will be able to, until the session ends or you revoke it:'}
      </p>
      <CapabilityList capabilities={request.capabilities} />

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
                The site&apos;s wallet: <WalletName name={w.name} />{' '}
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

        <label htmlFor={`${ids}-length`}>Session ends</label>
        <select
          id={`${ids}-length`}
          value={shownLength === null ? '' : String(shownLength)}
          disabled={shownLength === null}
          onChange={(e) => setLength(choiceOf(e.target.value))}
        >
          {shownLength === null && (
            <option value="">less than {MIN_LENGTH_MINUTES} min left: deny the request</option>
          )}
          {lengths.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label} ({new Date(o.end).toLocaleString()})
            </option>
          ))}
        </select>
      </fieldset>

      <fieldset className="bare" disabled={busy}>
        {asksPkpSigning && <PkpSigningChoice value={pkpSigning} onChange={setPkpSigning} />}
        {canSignWithPkp && !asksPkpSigning && (
          <p className="warning" data-testid="pkp-signing-by-site">
            The site gets this session’s sigs: it can have the PKP sign anything, without asking
            you, until the session ends or you revoke it.
          </p>
        )}
        <CreditChoice
          value={credit}
          chosen={chosenCredit}
          availability={creditOffer}
          onChange={setCredit}
          now={now}
          sessionEnd={expirationOf(shownLength ?? 'limit', maxExpiration, now)}
        />
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
      </fieldset>

      {busy && !request.progress && (
        <p role="status" className="muted">
          {signer?.source === 'page' ? 'Waiting for your wallet to sign…' : 'Signing…'}
        </p>
      )}
      {request.progress && <SigningProgress progress={request.progress} />}
      <DecisionButtons
        busy={busy}
        held={held}
        error={error}
        notReady={ready.ok ? null : ready.reason}
        onDeny={() => void decide(false)}
      />
    </form>
  );
}
