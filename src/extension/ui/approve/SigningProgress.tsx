// How far the nodes are with a PKP session's capability: "2 of 3 nodes signed", and each node that
// failed, by name, with why.
import type { SigningProgress as Progress } from '../../messages';

export function SigningProgress({ progress }: { progress: Progress }) {
  return (
    <div role="status" data-testid="signing-progress">
      <p>
        {progress.signed.length} of {progress.nodes} nodes signed ({progress.needed} needed)
      </p>
      {progress.failed.length > 0 && (
        <ul className="plain error" aria-label="Nodes that failed">
          {progress.failed.map((f) => (
            <li key={f.url}>
              <code>{f.url}</code> failed: {f.error}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
