// Whole numbers typed into a form (a number input's value is text): checked against the range the
// worker accepts, with a reason the page can show next to a disabled button.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const grouped = new Intl.NumberFormat('en-US');

/** `text` as an integer in `min..max`, or why not (naming the field). */
export function wholeNumber(
  text: string,
  field: { name: string; min: number; max: number },
): Parsed<number> {
  const trimmed = text.trim();
  const value = /^[0-9]{1,16}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isSafeInteger(value) && value >= field.min && value <= field.max) {
    return { ok: true, value };
  }
  return {
    ok: false,
    reason: `${field.name} must be a whole number from ${grouped.format(field.min)} to ${grouped.format(field.max)}`,
  };
}
