// Text a site wrote, shown whole: wrapped (a long line cannot hide text far to the right), every
// invisible or reordering character written out as ⟨U+…⟩, with a warning when there are any.
import { useId } from 'react';
import { hiddenWarning, revealHidden } from './message-text';

export function RevealedText({
  label,
  text,
  what,
  testId,
}: {
  label: string;
  text: string;
  /** How the warning names the text: "The code". */
  what: string;
  /** The `pre`'s test id; the warning's is `<testId>-hidden`. */
  testId: string;
}) {
  const ids = useId();
  const shown = revealHidden(text);
  return (
    <>
      <label id={`${ids}-label`}>{label}</label>
      {shown.hidden > 0 && (
        <p className="error" role="alert" data-testid={`${testId}-hidden`}>
          {hiddenWarning(what, shown.hidden)}
        </p>
      )}
      {/* Focusable to scroll it by keyboard, so named: a <label> cannot name a <pre>. */}
      <pre
        className="code wrap"
        role="region"
        aria-labelledby={`${ids}-label`}
        tabIndex={0}
        data-testid={testId}
      >
        {shown.text}
      </pre>
    </>
  );
}
