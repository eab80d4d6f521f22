// How much a provider request may hold, counted by a walk that stops at the first limit passed.
// zod parses every key of a record and every item of an array before any size check runs, at a
// few µs each: a `jsParams` of 300k keys held the worker for ~1.2 s, 1M keys for ~10 s, for every
// origin at once. This walk runs before any schema: in the content script (the page's own
// renderer pays, and nothing is sent) and again in the worker, which trusts no content script.
// Shared by both contexts, so it imports nothing.

export interface JsonLimits {
  /** Values in all: the root, every array item and every object property's value. */
  maxValues: number;
  /** Object properties in all: zod's records and strict objects read each one, a few µs each. */
  maxKeys: number;
  /** Characters (UTF-16 code units, as the schemas' maxLength counts) of every string and key. */
  maxStringChars: number;
  /** How deep objects and arrays may nest; the root is at depth 0. */
  maxDepth: number;
}

/**
 * The limits of one provider request: above the most the schemas accept, so only requests they
 * would refuse anyway are refused here (and real requests hold hundreds of values, not thousands).
 * - values: a value takes at least two characters of JSON with its separator, so `jsParams`
 *   (≤ 16 KiB) holds at most 8K, each capability's data (≤ 4 KiB) 2K, 16 of them 32K, and
 *   conditions (≤ 32 KiB) 16K: at most ~41K in a request.
 * - keys: at least five characters each (`"a":0,`), so at most ~3.3K in `jsParams` and 16 × 820
 *   in data: ~16.5K. Keys are what costs zod the most; arrays under `z.unknown` cost it little.
 * - characters: `lit_decrypt`'s ciphertext (≤ 2 Mi) and its conditions (32 Ki) are the most;
 *   a Lit Action's code is at most 256 Ki.
 * - depth: plain JSON in a request is at most 16 deep, under at most 5 levels of message.
 */
export const REQUEST_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxValues: 64 * 1024,
  maxKeys: 24 * 1024,
  maxStringChars: 4 * 1024 * 1024,
  maxDepth: 32,
});

/**
 * Why `value` is over `limits` (`more than N values`, …), or null when it is within them.
 * Counts as JSON would serialize it (a typed array as its items), and checks a container's size
 * before reading any of it, so it never reads more than `maxValues` values; cycles end as too deep.
 */
export function overJsonLimits(
  value: unknown,
  limits: Readonly<JsonLimits> = REQUEST_LIMITS,
): string | null {
  let values = 1;
  let keyCount = 0;
  let chars = 0;
  const tooMany = `more than ${limits.maxValues} values`;
  const tooManyKeys = `more than ${limits.maxKeys} keys`;
  const tooLong = `more than ${limits.maxStringChars} characters of strings`;

  function walk(v: unknown, depth: number): string | null {
    if (typeof v === 'string') {
      chars += v.length;
      return chars > limits.maxStringChars ? tooLong : null;
    }
    if (typeof v !== 'object' || v === null) return null;
    if (depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth}`;
    if (ArrayBuffer.isView(v)) {
      // Only numbers inside, which JSON writes as an object of indices: counted, not listed.
      const n = v instanceof DataView ? 0 : (v as unknown as ArrayLike<number>).length;
      keyCount += n;
      values += n;
      return keyCount > limits.maxKeys ? tooManyKeys : values > limits.maxValues ? tooMany : null;
    }
    if (Array.isArray(v)) {
      // The length first: a sparse array of 2^32 − 1 holes is refused without a loop.
      values += v.length;
      if (values > limits.maxValues) return tooMany;
      for (let i = 0; i < v.length; i++) {
        const over = walk(v[i], depth + 1);
        if (over) return over;
      }
      return null;
    }
    // Listing the keys is the one cost that grows past the limits (natively, about what the
    // browser's own parse of the message cost); no value is read before the count is checked.
    const keys = Object.keys(v);
    keyCount += keys.length;
    if (keyCount > limits.maxKeys) return tooManyKeys;
    values += keys.length;
    if (values > limits.maxValues) return tooMany;
    for (const key of keys) {
      chars += key.length;
      if (chars > limits.maxStringChars) return tooLong;
      const over = walk((v as Record<string, unknown>)[key], depth + 1);
      if (over) return over;
    }
    return null;
  }

  return walk(value, 0);
}

/** What the relay and the worker answer (-32602) for a message over the request limits, or null. */
export function oversizeMessage(message: unknown): string | null {
  const over = overJsonLimits(message);
  return over && `Request too large: ${over}`;
}
