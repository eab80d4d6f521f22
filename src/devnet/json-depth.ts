// How deep a JSON text nests, found by one scan that skips strings: far cheaper than letting
// JSON.parse build a 10 000-level structure out of a hostile body before a schema refuses it.

/** Deepest nesting Lit's nodes accept before parsing a body. */
export const MAX_JSON_DEPTH = 128;

/** True when `text` nests objects/arrays deeper than `limit` (a malformed text may still pass). */
export function nestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
