// Test fixtures only: encodings a hostile peer could send in place of a G1 key or a G2 signature.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { numberToBytesBE } from '@noble/curves/utils.js';

const { Fp, Fp2 } = bls12_381.fields;

/** The compressed point at infinity: flags 0b110 and zeros. */
export function infinity(length: 48 | 96): Uint8Array {
  const out = new Uint8Array(length);
  out[0] = 0xc0;
  return out;
}

/** A compressed x whose y² = x³ + 4 has no root: not on G1's curve. */
export function offCurveG1(): Uint8Array {
  for (let x = 1n; ; x++) {
    const rhs = Fp.add(Fp.pow(x, 3n), 4n);
    if (!Fp.eql(Fp.pow(rhs, (Fp.ORDER - 1n) / 2n), Fp.ONE)) return compressedG1(x);
  }
}

/** A compressed point on G1's curve but outside the prime-order subgroup (cofactor ≈ 2^126). */
export function nonSubgroupG1(): Uint8Array {
  for (let x = 1n; ; x++) {
    const rhs = Fp.add(Fp.pow(x, 3n), 4n);
    if (Fp.eql(Fp.pow(rhs, (Fp.ORDER - 1n) / 2n), Fp.ONE)) {
      const bytes = compressedG1(x);
      try {
        bls12_381.G1.Point.fromBytes(bytes);
      } catch {
        return bytes;
      }
    }
  }
}

/** A compressed point on G2's curve but outside the prime-order subgroup. */
export function nonSubgroupG2(): Uint8Array {
  const b = Fp2.fromBigTuple([4n, 4n]);
  for (let c0 = 1n; ; c0++) {
    const x = Fp2.fromBigTuple([c0, 1n]);
    let y;
    try {
      y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.mul(x, x), x), b));
    } catch {
      continue;
    }
    if (!y) continue;
    const bytes = new Uint8Array(96);
    bytes.set(numberToBytesBE(x.c1, 48), 0);
    bytes.set(numberToBytesBE(x.c0, 48), 48);
    bytes[0]! |= 0x80;
    try {
      bls12_381.G2.Point.fromBytes(bytes);
    } catch {
      return bytes;
    }
  }
}

/** A compressed x whose y² = x³ + 4(1 + u) has no root in Fp2: not on G2's curve. */
export function offCurveG2(): Uint8Array {
  const b = Fp2.fromBigTuple([4n, 4n]);
  for (let c0 = 1n; ; c0++) {
    const x = Fp2.fromBigTuple([c0, 1n]);
    try {
      if (Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.mul(x, x), x), b))) continue;
    } catch {
      // No square root: this x is off the curve.
    }
    const bytes = new Uint8Array(96);
    bytes.set(numberToBytesBE(x.c1, 48), 0);
    bytes.set(numberToBytesBE(x.c0, 48), 48);
    bytes[0]! |= 0x80;
    return bytes;
  }
}

/** A compressed G1 encoding with x = p: a field element out of range (non-canonical zero). */
export function overflowG1(): Uint8Array {
  return compressedG1(Fp.ORDER);
}

function compressedG1(x: bigint): Uint8Array {
  const out = numberToBytesBE(x, 48);
  out[0]! |= 0x80;
  return out;
}
