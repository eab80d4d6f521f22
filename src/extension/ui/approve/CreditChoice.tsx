// "Attach a capacity credit": a credit of the built-in account, delegated to the new session with
// a use limit. Disabled, with the reason, when there is no account or no usable credit. A chosen
// credit that stops being offered is no longer attached (`attachedCredit`), and the box says so.
import { useId } from 'react';
import { creditLine } from '../shared/credit-line';
import { WholeNumberField } from '../shared/WholeNumberField';
import { creditEndsFirst, type CreditAvailability } from './credit-choice';
import { DEFAULT_USES, USES } from './decision';

const mediumDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export interface CreditValue {
  tokenId: string;
  /** As typed. */
  uses: string;
}

export function CreditChoice({
  value,
  chosen,
  availability,
  onChange,
  now,
  sessionEnd,
}: {
  /** What the decision attaches (`attachedCredit`): null when none, or the chosen one is gone. */
  value: CreditValue | null;
  /** The credit last chosen, attached or not. */
  chosen: CreditValue | null;
  availability: CreditAvailability;
  onChange: (value: CreditValue | null) => void;
  now: number;
  sessionEnd: number;
}) {
  const ids = useId();
  const credit =
    availability.available && value
      ? availability.credits.find((c) => c.tokenId === value.tokenId)
      : undefined;
  const warning = credit ? creditEndsFirst(credit, sessionEnd, mediumDate) : null;
  return (
    <div data-testid="capacity-credit-choice">
      <label className="choice">
        <input
          type="checkbox"
          checked={value !== null}
          disabled={!availability.available}
          aria-describedby={availability.available ? undefined : `${ids}-why`}
          onChange={(e) =>
            onChange(
              e.target.checked && availability.available
                ? { tokenId: availability.credits[0]!.tokenId, uses: String(DEFAULT_USES) }
                : null,
            )
          }
        />
        <span>Attach a capacity credit</span>
      </label>
      {chosen && !value && (
        <p role="alert" className="warning" data-testid="capacity-credit-gone">
          Capacity credit #{chosen.tokenId} is no longer offered (it has ended): it is not attached.
        </p>
      )}
      {!availability.available && (
        <p id={`${ids}-why`} className="muted" data-testid="capacity-credit-unavailable">
          {availability.reason}
        </p>
      )}
      {availability.available && value && (
        <>
          <p className="muted">
            The built-in account signs a delegation of the credit to this session: the Lit nodes
            then count its calls against the credit, up to the uses you allow.
          </p>
          <label htmlFor={`${ids}-credit`}>Capacity credit</label>
          <select
            id={`${ids}-credit`}
            value={value.tokenId}
            aria-describedby={warning ? `${ids}-warning` : undefined}
            onChange={(e) => onChange({ ...value, tokenId: e.target.value })}
          >
            {availability.credits.map((c) => (
              <option key={c.tokenId} value={c.tokenId}>
                {creditLine(c, now)}
              </option>
            ))}
          </select>
          {warning && (
            <p id={`${ids}-warning`} className="muted">
              {warning}
            </p>
          )}
          <WholeNumberField
            id={`${ids}-uses`}
            field={USES}
            value={value.uses}
            onChange={(uses) => onChange({ ...value, uses })}
          />
        </>
      )}
    </div>
  );
}
