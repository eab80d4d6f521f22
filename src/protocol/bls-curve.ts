// BLS12-381 as Lit uses it: public keys in G1 (48 bytes), signatures in G2 (96 bytes), messages
// hashed to G2 with the proof-of-possession ciphersuite. Strict decoders for points and scalars.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';

/** The hash-to-curve domain separation tag of Lit's BLS signatures (G2, POP ciphersuite). */
export const BLS_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
export const G1_LENGTH = 48;
export const G2_LENGTH = 96;
export const SCALAR_LENGTH = 32;

export const G1 = bls12_381.G1.Point;
export const G2 = bls12_381.G2.Point;
export type G1Point = InstanceType<typeof G1>;
export type G2Point = InstanceType<typeof G2>;
/** The order r of G1, G2 and Gt: scalars live in [1, r). */
export const CURVE_ORDER = bls12_381.fields.Fr.ORDER;

export function hashToG2(message: Uint8Array): G2Point {
  return bls12_381.G2.hashToCurve(message, { DST: BLS_DST }) as G2Point;
}

function assertBytes(value: unknown, length: number, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what}: expected a Uint8Array`);
  if (value.length !== length) {
    throw new TypeError(`${what}: expected ${length} bytes, got ${value.length}`);
  }
}

/** Decodes a compressed G1 point; throws unless it is canonical, in the subgroup and not zero. */
export function decodeG1(bytes: unknown, what = 'G1 point'): G1Point {
  assertBytes(bytes, G1_LENGTH, what);
  if ((bytes[0]! & 0x80) === 0) throw new TypeError(`${what}: not a compressed encoding`);
  let point: G1Point;
  try {
    point = G1.fromBytes(bytes);
  } catch (e) {
    throw new TypeError(`${what}: not a valid BLS12-381 G1 point (${(e as Error).message})`, {
      cause: e,
    });
  }
  if (point.is0()) throw new TypeError(`${what}: the point at infinity is not allowed`);
  return point;
}

/** Decodes a compressed G2 point; throws unless it is canonical, in the subgroup and not zero. */
export function decodeG2(bytes: unknown, what = 'G2 point'): G2Point {
  assertBytes(bytes, G2_LENGTH, what);
  if ((bytes[0]! & 0x80) === 0) throw new TypeError(`${what}: not a compressed encoding`);
  let point: G2Point;
  try {
    point = G2.fromBytes(bytes);
  } catch (e) {
    throw new TypeError(`${what}: not a valid BLS12-381 G2 point (${(e as Error).message})`, {
      cause: e,
    });
  }
  if (point.is0()) throw new TypeError(`${what}: the point at infinity is not allowed`);
  return point;
}

const { Fp, Fp2 } = bls12_381.fields;
/** y² = x³ + 4(1 + u): G2's curve over Fp2. */
const G2_B = Fp2.fromBigTuple([4n, 4n]);

/** A base-field element from 48 big-endian bytes, refusing values ≥ p (no silent reduction). */
function canonicalFp(bytes: Uint8Array, what: string): bigint {
  const v = bytesToNumberBE(bytes);
  if (v >= Fp.ORDER) throw new TypeError(`${what}: not a valid BLS12-381 G2 point (x ≥ p)`);
  return v;
}

/** The ZCash "sort" flag: y is the larger of ±y, comparing c1 first, then c0. */
function isLargerY(y: { c0: bigint; c1: bigint }): boolean {
  const half = (Fp.ORDER - 1n) / 2n;
  return y.c1 !== 0n ? y.c1 > half : y.c0 > half;
}

/**
 * Decodes a compressed G2 point checking only that it is canonical, on the curve and not zero:
 * no subgroup check (a ~2 ms scalar multiplication in pure JS). Only for signature shares that
 * are combined and then verified with `verifyBlsSignature`, which checks the subgroup of the
 * result; anything else must use `decodeG2`.
 */
export function decodeG2OnCurve(bytes: unknown, what = 'G2 point'): G2Point {
  assertBytes(bytes, G2_LENGTH, what);
  const flags = bytes[0]! & 0xe0;
  if ((flags & 0x80) === 0) throw new TypeError(`${what}: not a compressed encoding`);
  if (flags & 0x40) {
    const canonical = flags === 0xc0 && bytes.every((b, i) => i === 0 || b === 0);
    throw new TypeError(
      canonical
        ? `${what}: the point at infinity is not allowed`
        : `${what}: not a valid BLS12-381 G2 point (bad infinity encoding)`,
    );
  }
  const c1Bytes = bytes.slice(0, 48);
  c1Bytes[0]! &= 0x1f;
  const x = Fp2.create({
    c0: canonicalFp(bytes.subarray(48), what),
    c1: canonicalFp(c1Bytes, what),
  });
  let y;
  try {
    y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), G2_B));
  } catch {
    y = undefined;
  }
  if (!y) throw new TypeError(`${what}: not a valid BLS12-381 G2 point (not on the curve)`);
  if (isLargerY(y) !== ((flags & 0x20) !== 0)) y = Fp2.neg(y);
  return G2.fromAffine({ x, y });
}

/**
 * The compressed encoding of a G2 point without re-checking its subgroup (noble's `toBytes`
 * does, at ~2 ms): for points computed from shares, verified afterwards as signatures.
 */
export function encodeG2(point: G2Point): Uint8Array {
  if (point.is0()) throw new TypeError('G2 point: the point at infinity has no signature encoding');
  const { x, y } = point.toAffine();
  const out = new Uint8Array(G2_LENGTH);
  out.set(numberToBytesBE(x.c1, 48), 0);
  out.set(numberToBytesBE(x.c0, 48), 48);
  out[0]! |= isLargerY(y) ? 0xa0 : 0x80;
  return out;
}

/** Decodes a 32-byte big-endian secret scalar, requiring 0 < s < r (no silent reduction). */
export function decodeScalar(bytes: unknown, what = 'secret key'): bigint {
  assertBytes(bytes, SCALAR_LENGTH, what);
  const s = bytesToNumberBE(bytes);
  if (s === 0n || s >= CURVE_ORDER) {
    throw new TypeError(`${what}: not a scalar in [1, r) (BLS12-381 group order)`);
  }
  return s;
}

export function encodeScalar(s: bigint): Uint8Array {
  return numberToBytesBE(s, SCALAR_LENGTH);
}

/** `e(P, Q)` in Gt, serialized as Lit's wasm (`bls12_381_plus` Gt bytes: 12 big-endian Fp). */
export function pairingBytes(p: G1Point, q: G2Point): Uint8Array {
  return bls12_381.fields.Fp12.toBytes(bls12_381.pairing(p, q));
}

/** True when `e(publicKey, H(message)) == e(G1, signature)`. */
export function pairingCheck(publicKey: G1Point, message: Uint8Array, signature: G2Point): boolean {
  return bls12_381.longSignatures.verify(signature, hashToG2(message), publicKey);
}
