// `returnValueTest` comparisons as Lit's node makes them (access_control's check_return_value_*):
// integers as 256-bit numbers, addresses as their 20 bytes (so case never matters), strings as
// UTF-8, booleans as false < true. A comparator that does not apply to the value is an error.
import { badReturnValueTest } from './failures';

export interface ReturnValueTest {
  comparator: string;
  value: string;
}

const ORDERED = ['=', '!=', '>', '>=', '<', '<='] as const;
type Ordered = (typeof ORDERED)[number];

function ordered(test: ReturnValueTest, path: string, cmp: number, what: string): boolean {
  if (!(ORDERED as readonly string[]).includes(test.comparator)) {
    throw badReturnValueTest(
      path,
      `comparator ${JSON.stringify(test.comparator)} does not apply to ${what}`,
    );
  }
  switch (test.comparator as Ordered) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
  }
}

const sign = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

const INTEGER_RE = /^-?(?:0|[1-9][0-9]{0,77})$/;

/** `actual <comparator> value` for an integer result (a balance, a timestamp, a uint). */
export function compareInteger(test: ReturnValueTest, actual: bigint, path: string): boolean {
  if (!INTEGER_RE.test(test.value)) {
    throw badReturnValueTest(
      path,
      `value ${JSON.stringify(test.value.slice(0, 80))} is not a decimal integer`,
    );
  }
  return ordered(test, path, sign(actual, BigInt(test.value)), 'a number');
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** `actual <comparator> expected` for two addresses, compared as numbers like the node's H160. */
export function compareAddress(
  test: ReturnValueTest,
  actual: string,
  expected: string,
  path: string,
): boolean {
  if (!ADDRESS_RE.test(expected)) {
    throw badReturnValueTest(
      path,
      `value ${JSON.stringify(expected.slice(0, 80))} is not an address`,
    );
  }
  return ordered(test, path, sign(BigInt(actual), BigInt(expected)), 'an address');
}

/** `actual <comparator> value` for a boolean result; the value must be `true` or `false`. */
export function compareBoolean(test: ReturnValueTest, actual: boolean, path: string): boolean {
  const value = test.value.toLowerCase();
  if (value !== 'true' && value !== 'false') {
    throw badReturnValueTest(
      path,
      `value ${JSON.stringify(test.value.slice(0, 80))} is not true or false`,
    );
  }
  return ordered(test, path, Number(actual) - Number(value === 'true'), 'a boolean');
}

/** `actual <comparator> value` for text: ordering by code points, plus contains / !contains. */
export function compareString(test: ReturnValueTest, actual: string, path: string): boolean {
  if (test.comparator === 'contains') return actual.includes(test.value);
  if (test.comparator === '!contains') return !actual.includes(test.value);
  // Rust compares UTF-8 bytes; for valid strings that is code-point order, not UTF-16 order.
  const a = [...actual].map((c) => c.codePointAt(0)!);
  const b = [...test.value].map((c) => c.codePointAt(0)!);
  let cmp = 0;
  for (let i = 0; cmp === 0 && i < Math.min(a.length, b.length); i++) cmp = a[i]! - b[i]!;
  if (cmp === 0) cmp = a.length - b.length;
  return ordered(test, path, cmp, 'a string');
}
