// What a PKP or Lit Action request is about: the PKP the nodes sign for and, for an action, its
// CID, size, code (read-only, scrollable) and the jsParams it runs with.
import { useId } from 'react';
import type { PendingApprovalView } from '../../messages';
import { ActionCode } from './ActionCode';

function bytes(n: number): string {
  return n < 1024 ? `${n} bytes` : `${(n / 1024).toFixed(1)} KB`;
}

export function PkpDetails({ request }: { request: PendingApprovalView }) {
  const ids = useId();
  const { pkp, litAction } = request;
  if (!pkp) return null;
  return (
    <section aria-labelledby={`${ids}-pkp`} data-testid="pkp-details">
      <h3 id={`${ids}-pkp`} className="kind">
        {litAction ? 'Lit Action session of a PKP' : 'PKP session'}
      </h3>
      <dl className="facts">
        <dt>PKP address</dt>
        <dd>
          <code data-testid="pkp-address">{pkp.address}</code>
        </dd>
        <dt>Token id</dt>
        <dd>
          <code data-testid="pkp-token-id">{pkp.tokenId}</code>
        </dd>
        {litAction && (
          <>
            <dt>Action CID</dt>
            <dd>
              <code data-testid="action-cid">{litAction.cid}</code>
            </dd>
            <dt>Size</dt>
            <dd data-testid="action-size">
              {litAction.size === null ? 'unknown (named by CID only)' : bytes(litAction.size)}
            </dd>
          </>
        )}
      </dl>
      {litAction && (
        <ActionCode
          label="Code the nodes run to decide"
          code={litAction.code}
          missing="The site named the action by its CID only: the nodes fetch its code, which is not shown here."
          jsParams={litAction.jsParams}
        />
      )}
    </section>
  );
}
