// The approval window: the worker opens it for a pending request. Until sessions exist, it
// can only say that nothing is waiting.
export function Approve() {
  return (
    <main>
      <h1>Approve a session</h1>
      <p className="muted" data-testid="nothing-pending">
        No request is waiting for your approval.
      </p>
    </main>
  );
}
