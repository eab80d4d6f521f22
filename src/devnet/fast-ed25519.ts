// Native Ed25519 verification (OpenSSL through node:crypto) for the devnet's nodes, pluggable
// into src/protocol's verifySessionSig; ~14× faster than pure JS on the same machine.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { type Ed25519Verifier, isSmallOrderEncoding } from '../protocol/ed25519';

// DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410); the 32 raw bytes follow.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
// The group order L, little-endian, for the s < L check OpenSSL also makes.
const L_LE = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');
const MAX_KEYS = 4096;
const keys = new Map<string, KeyObject>();

function sBelowL(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i]!;
    const l = L_LE[i]!;
    if (s !== l) return s < l;
  }
  return false;
}

function keyObject(publicKey: Uint8Array): KeyObject | undefined {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, 32).toString('latin1');
  let key = keys.get(id);
  if (key) return key;
  try {
    key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
  } catch {
    return undefined;
  }
  // Session keys repeat request after request; an old one is cheap to rebuild.
  if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
  keys.set(id, key);
  return key;
}

/**
 * Same outcome as `verifyEd25519` (ed25519-dalek `verify_strict` rules): OpenSSL's verification
 * (s < L, cofactorless, exact R bytes) plus the small-order key and R rejection OpenSSL lacks.
 */
export const verifyEd25519Native: Ed25519Verifier = (signature, message, publicKey) => {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(message instanceof Uint8Array)) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  if (isSmallOrderEncoding(publicKey) || isSmallOrderEncoding(signature.subarray(0, 32)))
    return false;
  if (!sBelowL(signature)) return false;
  const key = keyObject(publicKey);
  if (!key) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
};
