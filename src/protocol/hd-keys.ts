// Lit's HD derivation of PKP public keys from the network's secp256k1 root keys (lit-operations.md
// "HD derivation"): d = hash_to_field(keyId), key = P0 + d·P1 + d²·P2 + …. Clients use it to know
// a claimed key before it is minted; the devnet derives the matching secret shares.
import { hash_to_field } from '@noble/curves/abstract/hash-to-curve.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';

export const HD_KEY_DST = 'LIT_HD_KEY_ID_K256_XMD:SHA-256_SSWU_RO_NUL_';

const Point = secp256k1.Point;
export const SECP256K1_ORDER = Point.Fn.ORDER;

function checkKeyId(keyId: unknown): asserts keyId is Uint8Array {
  if (!(keyId instanceof Uint8Array) || keyId.length !== 32) {
    throw new TypeError('keyId: expected 32 bytes');
  }
}

/** d = hash_to_field(keyId) over the secp256k1 order (RFC 9380 expand_message_xmd, L = 48). */
export function hdKeyScalar(keyId: Uint8Array): bigint {
  checkKeyId(keyId);
  const [[d]] = hash_to_field(keyId, 1, {
    DST: HD_KEY_DST,
    p: SECP256K1_ORDER,
    m: 1,
    k: 128,
    expand: 'xmd',
    hash: sha256,
  }) as [[bigint]];
  return d;
}

/**
 * The PKP public key for `keyId` over the root public keys (compressed or uncompressed, in
 * handshake order): 65 bytes uncompressed.
 */
export function deriveHdPublicKey(
  rootPublicKeys: readonly Uint8Array[],
  keyId: Uint8Array,
): Uint8Array {
  if (!Array.isArray(rootPublicKeys) || rootPublicKeys.length < 2) {
    throw new RangeError('rootPublicKeys: expected at least 2 roots');
  }
  const d = hdKeyScalar(keyId);
  const roots = rootPublicKeys.map((pk: unknown, i) => {
    try {
      return Point.fromBytes(pk as Uint8Array);
    } catch {
      throw new RangeError(`rootPublicKeys[${i}]: not a secp256k1 public key`);
    }
  });
  // Horner's rule from the highest power; multiplyUnsafe because everything here is public.
  let acc = Point.ZERO;
  for (let k = roots.length - 1; k >= 0; k--) acc = acc.multiplyUnsafe(d).add(roots[k]!);
  return acc.toBytes(false);
}
