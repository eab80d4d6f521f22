// Text a site wrote, as the user reads it in the approval window (a message to sign, a Lit
// Action's code and jsParams, a capability's data, a wallet's name): characters that print nothing
// or reorder what follows (zero-width, bidi overrides as in "Trojan Source", control codes,
// blank-looking letters) could make it say something else than what is signed or run, so each one
// is written out as ⟨U+XXXX⟩ and counted.

// Control, format, private-use and unassigned code points; the code points Unicode says render as
// nothing (Default_Ignorable: Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the combining
// grapheme joiner, variation selectors…); the braille blank U+2800, a letter that prints as a
// space; the line and paragraph separators; and a carriage return not followed by a line feed.
// Line feeds, CR LF and tabs lay text out and stay.
const HIDDEN =
  /\r(?!\n)|(?![\n\t\r])[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u2028\u2029\u2800]/u;

// Emoji written the ordinary way keep two of those: one presentation selector (U+FE0F, U+FE0E)
// right after an emoji ("❤️", the keycap "1️⃣"), and zero-width joiners between pictographs
// ("👨‍👩‍👧"). They stay as written; a selector anywhere else, a second one, or a joiner
// between letters is still written out: runs of variation selectors are how text is smuggled
// into emoji. Tag characters (U+E0020–E007F, subdivision flags) are written out too.
const PICTOGRAPH = /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?/u.source;
const EMOJI = String.raw`${PICTOGRAPH}(?:\u200D${PICTOGRAPH})+|${/\p{Emoji}[\uFE0E\uFE0F]\u20E3?/u.source}`;
const EMOJI_OR_HIDDEN = new RegExp(`(${EMOJI})|${HIDDEN.source}`, 'gu');

export function revealHidden(text: string): { text: string; hidden: number } {
  let hidden = 0;
  const shown = text.replace(EMOJI_OR_HIDDEN, (c, emoji: string | undefined) => {
    if (emoji !== undefined) return emoji;
    hidden++;
    return `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
  return { text: shown, hidden };
}

/** The warning shown above revealed text: "The code holds 2 invisible or reordering characters…". */
export function hiddenWarning(what: string, hidden: number): string {
  return (
    `${what} holds ${hidden} invisible or reordering character${hidden === 1 ? '' : 's'}, ` +
    'written out as ⟨U+…⟩: the site may be trying to make it read differently from what it does.'
  );
}
