// The byte layout of Lit's BLS time-lock ciphertext (wire doc section 11), with a strict decoder:
// U (48 B G1) ‖ V (32 B) ‖ LEB128(len W) ‖ W ‖ scheme byte, and W's plaintext framing.
import { base64 } from '@scure/base';
import { G1_LENGTH, decodeG1, type G1Point } from './bls-curve';
import { concatBytes } from './bytes';

/** `SignatureSchemes::ProofOfPossession` in Lit's `blsful`: the only scheme Lit's SDK uses. */
export const SCHEME_PROOF_OF_POSSESSION = 2;
export const V_LENGTH = 32;
/** Lit pads the length-prefixed plaintext to at least 32 bytes. */
export const MIN_W_LENGTH = 32;
// Lengths beyond 2^32 cannot occur in a JS buffer; bounding the varint keeps the decoder simple.
const MAX_LEB128_BYTES = 5;

export function encodeLeb128(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('LEB128: expected a natural number');
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Uint8Array.from(out);
}

/**
 * Decodes a canonical (shortest-form) unsigned LEB128 at `offset`; returns undefined when it is
 * truncated, overlong or too large.
 */
export function decodeLeb128(
  bytes: Uint8Array,
  offset: number,
): { value: number; length: number } | undefined {
  let value = 0;
  for (let i = 0; i < MAX_LEB128_BYTES; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      // A trailing zero group means a longer encoding than needed.
      if (i > 0 && byte === 0) return undefined;
      return { value, length: i + 1 };
    }
  }
  return undefined;
}

export interface Ciphertext {
  u: G1Point;
  v: Uint8Array;
  w: Uint8Array;
}

export function encodeCiphertext(u: Uint8Array, v: Uint8Array, w: Uint8Array): string {
  return base64.encode(
    concatBytes(u, v, encodeLeb128(w.length), w, Uint8Array.of(SCHEME_PROOF_OF_POSSESSION)),
  );
}

/** Parses a base64 ciphertext; throws a message naming the first thing that is wrong. */
export function decodeCiphertext(ciphertext: string): Ciphertext {
  if (typeof ciphertext !== 'string') throw new TypeError('ciphertext: expected a base64 string');
  let bytes: Uint8Array;
  try {
    bytes = base64.decode(ciphertext);
  } catch {
    throw new TypeError('ciphertext: not valid base64 (standard alphabet, padded)');
  }
  // U, V, a one-byte length and the scheme byte; W's own minimum is checked once its length is read.
  const minLength = G1_LENGTH + V_LENGTH + 1 + 1;
  if (bytes.length < minLength) {
    throw new TypeError(`ciphertext: truncated (${bytes.length} bytes, at least ${minLength})`);
  }
  const u = decodeG1(bytes.subarray(0, G1_LENGTH), 'ciphertext U');
  const v = bytes.slice(G1_LENGTH, G1_LENGTH + V_LENGTH);
  const lenAt = G1_LENGTH + V_LENGTH;
  const len = decodeLeb128(bytes, lenAt);
  if (!len) throw new TypeError('ciphertext: malformed length of W (not a canonical LEB128)');
  const wAt = lenAt + len.length;
  const expected = wAt + len.value + 1;
  if (bytes.length !== expected) {
    throw new TypeError(
      `ciphertext: ${bytes.length} bytes but its W length says ${expected} (truncated or extended)`,
    );
  }
  if (len.value < MIN_W_LENGTH) {
    throw new TypeError(`ciphertext: W is ${len.value} bytes, Lit's is at least ${MIN_W_LENGTH}`);
  }
  const scheme = bytes[bytes.length - 1];
  if (scheme !== SCHEME_PROOF_OF_POSSESSION) {
    throw new TypeError(
      `ciphertext: scheme byte ${scheme} is not ${SCHEME_PROOF_OF_POSSESSION} (proof of possession)`,
    );
  }
  return { u, v, w: bytes.slice(wAt, wAt + len.value) };
}

/** The plaintext framing inside W: LEB128(len) ‖ message, zero-padded to at least 32 bytes. */
export function frameMessage(message: Uint8Array): Uint8Array {
  const framed = concatBytes(encodeLeb128(message.length), message);
  if (framed.length >= MIN_W_LENGTH) return framed;
  const padded = new Uint8Array(MIN_W_LENGTH);
  padded.set(framed);
  return padded;
}

/** Inverse of `frameMessage`, strict: canonical length, exact size, zero padding; else undefined. */
export function unframeMessage(framed: Uint8Array): Uint8Array | undefined {
  const len = decodeLeb128(framed, 0);
  if (!len) return undefined;
  const end = len.length + len.value;
  if (end > framed.length) return undefined;
  if (framed.length !== Math.max(end, MIN_W_LENGTH)) return undefined;
  for (let i = end; i < framed.length; i++) if (framed[i] !== 0) return undefined;
  return framed.slice(len.length, end);
}
