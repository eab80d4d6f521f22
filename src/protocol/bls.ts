// BLS12-381 signatures as Lit's network makes them (G1 keys, G2 signatures, POP hash-to-curve),
// and the digest a node signs for a PKP session (wire doc section 8, step 9).
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { getBlsBackend } from './bls-backend';
import { CURVE_ORDER, G1, G1_LENGTH, G2_LENGTH, decodeScalar, encodeScalar } from './bls-curve';
import { concatBytes, toHex, utf8 } from './bytes';

/**
 * True when `signature` (96-byte compressed G2) is the BLS signature of `message` under
 * `publicKey` (48-byte compressed G1). False, never a throw, for wrong types or lengths, points
 * off the curve or outside the subgroup, and the point at infinity.
 */
export function verifyBlsSignature(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== G1_LENGTH) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== G2_LENGTH) return false;
  if (!(message instanceof Uint8Array)) return false;
  try {
    return getBlsBackend().verify(publicKey, message, signature) === true;
  } catch {
    return false;
  }
}

/** Signs `message` with a 32-byte big-endian secret scalar: 96-byte compressed G2 signature. */
export function blsSign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  decodeScalar(secretKey);
  if (!(message instanceof Uint8Array)) throw new TypeError('message: expected a Uint8Array');
  const signature = getBlsBackend().sign(secretKey, message);
  if (!(signature instanceof Uint8Array) || signature.length !== G2_LENGTH) {
    throw new Error(`BLS backend "${getBlsBackend().name}" returned a malformed signature`);
  }
  return signature;
}

/** The 48-byte compressed G1 public key of a 32-byte big-endian secret scalar. */
export function blsPublicKey(secretKey: Uint8Array): Uint8Array {
  return G1.BASE.multiply(decodeScalar(secretKey)).toBytes();
}

/** A uniformly random secret scalar in [1, r), 32 bytes big-endian. */
export function randomBlsSecretKey(): Uint8Array {
  for (;;) {
    // 48 bytes reduced mod r: the bias is below 2^-128.
    const s = bytesToNumberBE(randomBytes(48)) % CURVE_ORDER;
    if (s !== 0n) return encodeScalar(s);
  }
}

/** EIP-191 `personal_sign` hash: keccak256("\x19Ethereum Signed Message:\n" + byte length + message). */
function eip191Hash(message: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(utf8(`\x19Ethereum Signed Message:\n${message.length}`), message));
}

/**
 * What every node BLS-signs for a PKP session and what a `lit.bls` capability is verified over:
 * `sha256(utf8("lit_session:" + hex(eip191Hash(siweMessage))))`.
 */
export function sessionDigest(siweMessage: string): Uint8Array {
  if (typeof siweMessage !== 'string') throw new TypeError('siweMessage: expected a string');
  return sha256(utf8('lit_session:' + toHex(eip191Hash(utf8(siweMessage)))));
}
