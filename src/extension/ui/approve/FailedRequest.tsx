// A request that ended while it was being authorized: the error the site was given, the nodes
// that failed and, for a Lit Action, its logs. It stays until the user moves on.
import type { ProviderErrorJson } from '../../messages';
import { OriginName } from './OriginName';
import { RevealedText } from './RevealedText';

interface FailureData {
  errorCode?: unknown;
  logs?: unknown;
  failures?: unknown;
}

function failuresOf(data: FailureData): { url: string; error: string }[] {
  if (!Array.isArray(data.failures)) return [];
  return data.failures.filter(
    (f): f is { url: string; error: string } =>
      typeof (f as { url?: unknown }).url === 'string' &&
      typeof (f as { error?: unknown }).error === 'string',
  );
}

export function FailedRequest({
  origin,
  error,
  more,
  onDismiss,
}: {
  origin: string;
  error: ProviderErrorJson;
  /** Other requests wait after this one. */
  more: boolean;
  onDismiss: () => void;
}) {
  const data = (
    typeof error.data === 'object' && error.data !== null ? error.data : {}
  ) as FailureData;
  const failures = failuresOf(data);
  return (
    <section
      className="card"
      role="alert"
      aria-labelledby="failed-title"
      data-testid="failed-request"
    >
      <h2 id="failed-title">
        The session for <OriginName origin={origin} /> was not created
      </h2>
      <p className="error" data-testid="failure-message">
        {error.message}
      </p>
      {typeof data.errorCode === 'string' && (
        <p>
          Error code: <code data-testid="failure-code">{data.errorCode}</code>
        </p>
      )}
      {failures.length > 0 && (
        <ul className="plain" aria-label="Nodes that failed">
          {failures.map((f) => (
            <li key={f.url}>
              <code>{f.url}</code>: {f.error}
            </li>
          ))}
        </ul>
      )}
      {typeof data.logs === 'string' && data.logs !== '' && (
        // What the action logged is the site's text too.
        <RevealedText
          label="Logs of the Lit Action"
          text={data.logs}
          what="The log"
          testId="failure-logs"
        />
      )}
      <p className="muted">The site was told the same.</p>
      <button type="button" onClick={onDismiss}>
        {more ? 'Next request' : 'Close'}
      </button>
    </section>
  );
}
