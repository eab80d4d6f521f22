// Ed25519 verification with the rules a Lit node applies (ed25519-dalek `verify_strict`):
// s < L, no small-order public key or R, and the cofactorless equation on the exact R bytes.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes, fromHex } from './bytes';

/** Verifies a 64-byte signature over `message` under a 32-byte public key; never throws. */
export type Ed25519Verifier = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

const Point = ed25519.Point;
const L = Point.Fn.ORDER;

// y-coordinates (sign bit masked) of the eight small-order points, canonical or not (libsodium's list).
const SMALL_ORDER_Y = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((h) => fromHex(h));

/** True when a 32-byte point encoding decodes (or would decode) to a point of small order. */
export function isSmallOrderEncoding(encoding: Uint8Array): boolean {
  if (!(encoding instanceof Uint8Array) || encoding.length !== 32) return false;
  return SMALL_ORDER_Y.some((y) => {
    let diff = (encoding[31]! & 0x7f) ^ y[31]!;
    for (let i = 0; i < 31; i++) diff |= encoding[i]! ^ y[i]!;
    return diff === 0;
  });
}

function littleEndianToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * Pure-JS strict Ed25519 verification, identical in outcome to ed25519-dalek's `verify_strict`
 * (what Lit nodes use) and to `node:crypto` plus the small-order check: false, never a throw,
 * for wrong types or lengths, s ≥ L, small-order or undecodable keys, and non-canonical R.
 */
export const verifyEd25519: Ed25519Verifier = (signature, message, publicKey) => {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(message instanceof Uint8Array)) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  const r = signature.subarray(0, 32);
  if (isSmallOrderEncoding(publicKey) || isSmallOrderEncoding(r)) return false;
  const s = littleEndianToBigInt(signature.subarray(32));
  if (s >= L) return false;
  try {
    // dalek decodes keys leniently (y ≥ p allowed); the hash uses the key bytes as given.
    const A = Point.fromBytes(publicKey, true);
    const k = littleEndianToBigInt(sha512(concatBytes(r, publicKey, message))) % L;
    const expectedR = Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k));
    return equalBytes(expectedR.toBytes(), r);
  } catch {
    return false;
  }
};
