// A message to be signed, as the user reads it: characters that print nothing or reorder what
// follows (zero-width, bidi overrides, control codes) could make the text say something else than
// it signs, so each one is written out as ⟨U+XXXX⟩ and counted.

// Control, format, private-use and unassigned code points, except the line breaks and tabs that
// lay a message out.
const HIDDEN = /(?![\n\t])[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu;

export function revealHidden(text: string): { text: string; hidden: number } {
  let hidden = 0;
  const shown = text.replace(HIDDEN, (c) => {
    hidden++;
    return `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
  return { text: shown, hidden };
}
