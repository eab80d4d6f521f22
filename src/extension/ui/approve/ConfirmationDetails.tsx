// What a confirmation is about: the PKP, the digest and what it is the hash of (the message, the
// decoded transaction with its fees, its access list and a warning when the fee can cost a lot, or
// a warning that only the digest is known); or the Lit Action's CID, code and jsParams.
// The long texts are in `NamedBox`es: focusable, so regions named by their labels.
import { Fragment, useId } from 'react';
import type { ConfirmationView } from '../../messages';
import { ActionCode } from './ActionCode';
import { revealHidden } from './message-text';
import { NamedBox } from './NamedBox';
import { accessListLines, feeWarning, transactionFacts } from './transaction-facts';

type PkpSign = Extract<ConfirmationView, { purpose: 'confirm-pkp-sign' }>;
type LitActionRun = Extract<ConfirmationView, { purpose: 'confirm-lit-action' }>;

function SignedMessage({ message }: { message: string }) {
  const shown = revealHidden(message);
  return (
    <>
      <NamedBox
        label="Message"
        testId="sign-message"
        notice={
          shown.hidden > 0 && (
            <p className="error" role="alert" data-testid="hidden-characters">
              The message holds {shown.hidden} invisible or reordering character
              {shown.hidden === 1 ? '' : 's'}, written out below as ⟨U+…⟩: the site may be trying to
              make it read differently from what is signed.
            </p>
          )
        }
      >
        {shown.text}
      </NamedBox>
      <p className="muted">
        The digest is this message&apos;s Ethereum signed-message hash (the extension checked it).
      </p>
    </>
  );
}

function SignedTransaction({ transaction }: { transaction: NonNullable<PkpSign['transaction']> }) {
  const ids = useId();
  const warning = feeWarning(transaction);
  const accessList = accessListLines(transaction);
  return (
    <>
      <h3 className="kind" id={`${ids}-tx`}>
        Transaction
      </h3>
      {warning !== null && (
        <p className="error" role="alert" data-testid="fee-warning">
          {warning}
        </p>
      )}
      <dl className="facts" aria-labelledby={`${ids}-tx`} data-testid="sign-transaction">
        {transactionFacts(transaction).map((f) => (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd>
              <code>{f.value}</code>
            </dd>
          </Fragment>
        ))}
      </dl>
      {accessList.length > 0 && (
        <NamedBox label="Access list" testId="access-list">
          {accessList.join('\n')}
        </NamedBox>
      )}
      {transaction.data !== '0x' && <NamedBox label="Data">{transaction.data}</NamedBox>}
      <p className="muted">
        The digest is the hash of this unsigned transaction (the extension checked it).
      </p>
    </>
  );
}

export function PkpSignDetails({ confirmation }: { confirmation: PkpSign }) {
  const { pkp, digest, message, transaction } = confirmation;
  return (
    <>
      <dl className="facts">
        <dt>PKP address</dt>
        <dd>
          <code data-testid="pkp-address">{pkp.address}</code>
        </dd>
        <dt>Public key</dt>
        <dd>
          <code data-testid="pkp-public-key">{pkp.publicKey}</code>
        </dd>
        <dt>Digest</dt>
        <dd>
          <code data-testid="digest">{digest}</code>
        </dd>
      </dl>
      {message !== null && <SignedMessage message={message} />}
      {message === null && transaction && <SignedTransaction transaction={transaction} />}
      {message === null && !transaction && (
        <p className="error" data-testid="digest-only">
          The site sent only the digest, not what it is the hash of: what you would sign cannot be
          shown. Approve only if you trust this site with any signature of this PKP.
        </p>
      )}
    </>
  );
}

export function LitActionRunDetails({ confirmation }: { confirmation: LitActionRun }) {
  return (
    <>
      <dl className="facts">
        <dt>Action CID</dt>
        <dd>
          <code data-testid="action-cid">{confirmation.cid}</code>
        </dd>
      </dl>
      <ActionCode
        label="Code"
        code={confirmation.code}
        missing="code not sent; the nodes run it by CID"
        jsParams={confirmation.jsParams}
      />
      <p className="muted">
        Later runs of this action in the same session go through without asking.
      </p>
    </>
  );
}
