// Byte and string encodings used across the protocol. Every decoder is strict: a malformed
// input throws a precise message at once instead of producing a wrong value later.

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/** Lowercase hex, no `0x`. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Decodes hex with or without a `0x` prefix. Throws on odd length, non-hex characters, or
 * (when `expectedLength` is given) a byte length other than expected.
 */
export function fromHex(hex: string, expectedLength?: number, what = 'hex'): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError(`${what}: expected a hex string`);
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (!HEX_RE.test(body)) throw new TypeError(`${what}: not an even-length hex string`);
  const out = new Uint8Array(body.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(body.slice(i * 2, i * 2 + 2), 16);
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new TypeError(`${what}: expected ${expectedLength} bytes, got ${out.length}`);
  }
  return out;
}

/** True when `s` is hex (no `0x`) of exactly `byteLength` bytes. */
export function isHexOfLength(s: unknown, byteLength: number): s is string {
  return typeof s === 'string' && s.length === byteLength * 2 && HEX_RE.test(s);
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8, throwing on invalid sequences. */
export function fromUtf8(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
