// Text a site wrote, in a `NamedBox`: every invisible or reordering character written out as
// ⟨U+…⟩, with a warning when there are any.
import { hiddenWarning, revealHidden } from './message-text';
import { NamedBox } from './NamedBox';

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
  const shown = revealHidden(text);
  return (
    <NamedBox
      label={label}
      testId={testId}
      notice={
        shown.hidden > 0 && (
          <p className="error" role="alert" data-testid={`${testId}-hidden`}>
            {hiddenWarning(what, shown.hidden)}
          </p>
        )
      }
    >
      {shown.text}
    </NamedBox>
  );
}
