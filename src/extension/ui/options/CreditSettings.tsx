// The built-in account's capacity credits (RateLimitNFTs) on the configured network, re-listed when
// the network or the account changes; on the devnet, minting one. A site's session can then be
// given a delegation of a credit at approval.
import { useCallback, useEffect, useId, useState } from 'react';
import browser from 'webextension-polyfill';
import type { InternalResults } from '../../messages';
import { ACCOUNT_STORAGE_KEY, SETTINGS_STORAGE_KEY } from '../../storage-keys';
import { creditLine } from '../shared/credit-line';
import { useNow } from '../shared/use-now';
import { WholeNumberField } from '../shared/WholeNumberField';
import { askWorker } from '../shared/worker-client';
import { DAYS, DEFAULT_DAYS, DEFAULT_RATE, RATE, mintRequest } from './mint-form';

type Credits = InternalResults['ui_listCredits'];

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function CreditSettings() {
  const ids = useId();
  const now = useNow(60_000);
  const [credits, setCredits] = useState<Credits | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [rate, setRate] = useState(String(DEFAULT_RATE));
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(
    () =>
      askWorker({ type: 'ui_listCredits' }).then(
        (list) => {
          setCredits(list);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(messageOf(e)),
      ),
    [],
  );

  useEffect(() => {
    void load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local') return;
      if (SETTINGS_STORAGE_KEY in changes || ACCOUNT_STORAGE_KEY in changes) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [load]);

  const mint = mintRequest(rate, days);
  const submit = async () => {
    if (!mint.ok) return;
    setBusy(true);
    setMessage(null);
    try {
      const credit = await askWorker(mint.value);
      setMessage(`Minted ${creditLine(credit, Date.now())}.`);
      await load();
    } catch (e) {
      setMessage(`Not minted: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Capacity credits</h2>
      <p className="muted">
        A capacity credit pays for requests to the Lit nodes. The built-in account holds them; when
        you approve a session you can let it use one, up to a number of uses.
      </p>
      {loadError && (
        <p className="error" role="alert" data-testid="credits-error">
          Your capacity credits could not be listed: {loadError}{' '}
          <button type="button" className="secondary" onClick={() => void load()}>
            Try again
          </button>
        </p>
      )}
      {!credits && !loadError && <p className="muted">Loading…</p>}
      {credits && !credits.owner && (
        <p data-testid="no-credit-account">
          There is no built-in account: capacity credits belong to it. Create one above.
        </p>
      )}
      {credits?.owner && (
        <>
          <p className="muted">
            Owned by the built-in account <code>{credits.owner}</code>
          </p>
          {credits.credits.length === 0 ? (
            <p data-testid="no-credits">No capacity credits on this network yet.</p>
          ) : (
            <ul className="plain" aria-label="Your capacity credits" data-testid="credit-list">
              {credits.credits.map((c) => (
                <li key={c.tokenId} className="session" data-testid="credit">
                  {creditLine(c, now)}
                </li>
              ))}
            </ul>
          )}
          {credits.devnet && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              <fieldset disabled={busy}>
                <legend>On the devnet</legend>
                <WholeNumberField id={`${ids}-rate`} field={RATE} value={rate} onChange={setRate} />
                <WholeNumberField id={`${ids}-days`} field={DAYS} value={days} onChange={setDays} />
                <p>
                  <button
                    type="submit"
                    disabled={!mint.ok}
                    aria-describedby={mint.ok ? undefined : `${ids}-why`}
                  >
                    Mint a capacity credit
                  </button>
                </p>
                {!mint.ok && (
                  <p id={`${ids}-why`} className="muted">
                    {mint.reason}
                  </p>
                )}
              </fieldset>
            </form>
          )}
        </>
      )}
      <p role="status" data-testid="credit-message">
        {message}
      </p>
    </section>
  );
}
