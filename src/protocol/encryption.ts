// Lit's BLS time-lock identity encryption (blsful `TimeCrypt`, wire doc section 11): encrypt to
// the network key for an identity; decrypt with the network's signature on that identity.
import { sha256 } from '@noble/hashes/sha2.js';
import { shake128 } from '@noble/hashes/sha3.js';
import { expand, extract } from '@noble/hashes/hkdf.js';
import { randomBytes as secureRandomBytes } from '@noble/hashes/utils.js';
import { bytesToNumberBE, numberToBytesLE } from '@noble/curves/utils.js';
import {
  CURVE_ORDER,
  G1,
  G1_LENGTH,
  G2_LENGTH,
  decodeG1,
  decodeG2,
  hashToG2,
  pairingBytes,
} from './bls-curve';
import { verifyBlsSignature } from './bls';
import { combineSignatureShares } from './bls-shares';
import { concatBytes, fromHex, utf8 } from './bytes';
import {
  decodeCiphertext,
  encodeCiphertext,
  frameMessage,
  unframeMessage,
} from './encryption-format';

const SALT = utf8('TIMELOCK_BLS12381_XOF:HKDF-SHA2-256_');
// I2OSP(48, 2): the HKDF output length as in the IETF BLS KeyGen.
const INFO = Uint8Array.of(0, 48);

/** blsful's `scalar_from_hkdf_bytes`: HKDF-SHA256(salt, ikm ‖ 0 [‖ counter]) → 48 bytes BE mod r. */
function hkdfScalar(ikm: Uint8Array): bigint {
  for (let counter = 0; ; counter++) {
    const suffix =
      counter === 0 ? [0] : [0, counter >>> 24, counter >>> 16, counter >>> 8, counter];
    const prk = extract(sha256, concatBytes(ikm, Uint8Array.from(suffix)), SALT);
    const s = bytesToNumberBE(expand(sha256, prk, INFO, 48)) % CURVE_ORDER;
    if (s !== 0n) return s;
  }
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

function keyBytes(value: unknown, length: number, what: string): Uint8Array {
  if (typeof value === 'string') return fromHex(value, length, what);
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`${what}: expected ${length} bytes or their hex`);
}

function assertBytes(value: unknown, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what}: expected a Uint8Array`);
}

export interface EncryptOptions {
  /** Source of the 32-byte seed of alpha (tests pass a fixed one); defaults to CSPRNG. */
  randomBytes?: (length: number) => Uint8Array;
}

/**
 * Encrypts `message` to the network public key (48-byte G1, bytes or hex) for `identity` (for
 * access-control decryption: `encryptionIdentity(...)`). Returns Lit's base64 ciphertext.
 */
export function encrypt(
  networkPublicKey: Uint8Array | string,
  message: Uint8Array,
  identity: Uint8Array,
  options: EncryptOptions = {},
): string {
  const pk = decodeG1(
    keyBytes(networkPublicKey, G1_LENGTH, 'networkPublicKey'),
    'networkPublicKey',
  );
  assertBytes(message, 'message');
  assertBytes(identity, 'identity');
  const seed = (options.randomBytes ?? secureRandomBytes)(32);
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new TypeError('randomBytes: expected 32 bytes');
  }
  // alpha is a scalar, serialized little-endian as blsful's `to_repr()` does.
  const alpha = numberToBytesLE(hkdfScalar(seed), 32);
  const r = hkdfScalar(concatBytes(alpha, sha256(message)));
  const u = G1.BASE.multiply(r);
  const k = pairingBytes(pk.multiply(r), hashToG2(identity));
  const v = xor(sha256(k), alpha);
  const framed = frameMessage(message);
  const w = xor(shake128(alpha, { dkLen: framed.length }), framed);
  return encodeCiphertext(u.toBytes(), v, w);
}

/**
 * Decrypts a Lit ciphertext with the network's combined signature on its identity (96-byte G2,
 * bytes or hex). Throws, never returns a wrong plaintext: the result is checked by `r·G1 == U`.
 */
export function decryptWithSignature(
  ciphertext: string,
  combinedSignature: Uint8Array | string,
): Uint8Array {
  const { u, v, w } = decodeCiphertext(ciphertext);
  const sigma = decodeG2(
    keyBytes(combinedSignature, G2_LENGTH, 'combinedSignature'),
    'combinedSignature',
  );
  const alpha = xor(sha256(pairingBytes(u, sigma)), v);
  const message = unframeMessage(xor(shake128(alpha, { dkLen: w.length }), w));
  if (message) {
    const r = hkdfScalar(concatBytes(alpha, sha256(message)));
    if (G1.BASE.multiply(r).equals(u)) return message;
  }
  throw new Error(
    'decryption failed: the signature does not open this ciphertext ' +
      '(another identity or network key, or a tampered ciphertext)',
  );
}

export interface DecryptWithSharesOptions {
  /** When given, the combined signature must verify on `identity` under it (Lit's SDK does). */
  networkPublicKey?: Uint8Array | string;
  /** The network's threshold: fewer shares are refused before any pairing. */
  threshold?: number;
}

/**
 * Combines the nodes' signature shares on `identity` and decrypts. With `networkPublicKey` the
 * combined signature is verified first (a failure means a bad share: name it with
 * `verifySignatureShare`); without it the `r·G1 == U` check still refuses a wrong plaintext.
 */
export function decryptWithSignatureShares(
  ciphertext: string,
  identity: Uint8Array,
  shares: readonly (string | Uint8Array)[],
  options: DecryptWithSharesOptions = {},
): Uint8Array {
  decodeCiphertext(ciphertext);
  assertBytes(identity, 'identity');
  const signature = combineSignatureShares(shares, options.threshold);
  if (options.networkPublicKey !== undefined) {
    const pk = keyBytes(options.networkPublicKey, G1_LENGTH, 'networkPublicKey');
    decodeG1(pk, 'networkPublicKey');
    if (!verifyBlsSignature(pk, identity, signature)) {
      throw new Error(
        'signature shares: their combination is not the network signature on this identity ' +
          '(a share is bad; find it with verifySignatureShare)',
      );
    }
  }
  return decryptWithSignature(ciphertext, signature);
}
