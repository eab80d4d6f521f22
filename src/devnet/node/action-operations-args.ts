// Reading a host function's argument, which arrives as the JSON of whatever the action passed:
// a zod check naming the bad field, and bytes from either an array or a JSON'd Uint8Array.
import type { z } from 'zod';
import { describeZodError } from '../zod-message';

export function argsOf<S extends z.ZodType>(schema: S, raw: unknown, fn: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${fn}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

const MAX_BYTES = 1024 * 1024;

/** `[1, 2]` or `{"0": 1, "1": 2}` (how JSON.stringify writes a Uint8Array) as bytes. */
export function bytesArg(value: unknown, what: string): Uint8Array {
  let items: unknown[];
  if (Array.isArray(value)) {
    items = value;
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > MAX_BYTES) throw new Error(`${what}: more than ${MAX_BYTES} bytes`);
    items = keys.map((key, i) => {
      if (key !== String(i)) throw new Error(`${what}: expected an array of bytes or a Uint8Array`);
      return record[key];
    });
  } else {
    throw new Error(`${what}: expected an array of bytes or a Uint8Array`);
  }
  if (items.length > MAX_BYTES) throw new Error(`${what}: more than ${MAX_BYTES} bytes`);
  const out = new Uint8Array(items.length);
  items.forEach((b, i) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) {
      throw new Error(`${what}[${i}]: expected a byte (0..255)`);
    }
    out[i] = b;
  });
  return out;
}
