// What could not be loaded from the worker, why, and a Retry: shown instead of a "Loading…" that
// would never end.
export function LoadError({
  what,
  error,
  onRetry,
  testId,
}: {
  /** The thing that could not be loaded, as the start of a sentence. */
  what: string;
  error: string;
  onRetry: () => void;
  /** The element's test id is `<testId>-load-error`. */
  testId: string;
}) {
  return (
    <p className="error" role="alert" data-testid={`${testId}-load-error`}>
      {what} could not be loaded: {error}{' '}
      <button type="button" className="secondary" onClick={onRetry}>
        Retry
      </button>
    </p>
  );
}
