// Session keys: Ed25519 behind one interface, backed either by a non-extractable WebCrypto key
// (the service worker) or by raw bytes (Node, tests, and Lit's stored `{publicKey, secretKey}`).
import { ed25519 } from '@noble/curves/ed25519.js';
import { equalBytes, fromHex, isHexOfLength, toHex } from './bytes';

/** An Ed25519 session key: its public key (64 lowercase hex) and a way to sign with it. */
export interface SessionKey {
  readonly publicKey: string;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Lit's stored session key: `secretKey` is TweetNaCl's 64-byte seed ‖ public key, in hex. */
export interface LitSessionKeyPair {
  publicKey: string;
  secretKey: string;
}

/** The URI a capability names a session key by: `lit:session:<publicKey hex>`. */
export const SESSION_KEY_URI_PREFIX = 'lit:session:';

export function sessionKeyUri(publicKey: string): string {
  if (!isHexOfLength(publicKey, 32) || publicKey !== publicKey.toLowerCase()) {
    throw new TypeError('publicKey: expected 64 lowercase hex characters');
  }
  return SESSION_KEY_URI_PREFIX + publicKey;
}

// Seeds live here rather than on the key object, so no enumeration or JSON.stringify shows them.
const seeds = new WeakMap<SessionKey, Uint8Array>();

function assertMessage(message: unknown): asserts message is Uint8Array {
  if (!(message instanceof Uint8Array)) throw new TypeError('message: expected a Uint8Array');
}

/** A session key from a 32-byte Ed25519 seed (RFC 8032 private key). */
export function sessionKeyFromSeed(seed: Uint8Array): SessionKey {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new TypeError('seed: expected 32 bytes');
  }
  const secret = Uint8Array.from(seed);
  const key: SessionKey = Object.freeze({
    publicKey: toHex(ed25519.getPublicKey(secret)),
    sign: async (message: Uint8Array) => {
      assertMessage(message);
      return ed25519.sign(message, secret);
    },
  });
  seeds.set(key, secret);
  return key;
}

/** A new random raw-bytes session key (Node and tests; the worker uses WebCrypto). */
export function generateSessionKey(): SessionKey {
  return sessionKeyFromSeed(ed25519.utils.randomSecretKey());
}

/**
 * Imports Lit's stored form. Rejects a `secretKey` that is not 128 hex characters, whose public
 * half is not the public key of its seed, or that does not match `publicKey`.
 */
export function importLitSessionKey(pair: LitSessionKeyPair): SessionKey {
  if (typeof pair !== 'object' || pair === null)
    throw new TypeError('expected {publicKey, secretKey}');
  const { publicKey, secretKey } = pair;
  if (!isHexOfLength(secretKey, 64)) throw new TypeError('secretKey: expected 128 hex characters');
  if (!isHexOfLength(publicKey, 32)) throw new TypeError('publicKey: expected 64 hex characters');
  const secret = fromHex(secretKey, 64, 'secretKey');
  const key = sessionKeyFromSeed(secret.subarray(0, 32));
  const derived = fromHex(key.publicKey);
  if (!equalBytes(derived, secret.subarray(32))) {
    throw new Error('secretKey: its public half is not the public key of its seed');
  }
  if (!equalBytes(derived, fromHex(publicKey))) {
    throw new Error('publicKey: does not match secretKey');
  }
  return key;
}

/** Exports a raw-bytes session key in Lit's stored form (lowercase hex). */
export function exportLitSessionKey(key: SessionKey): LitSessionKeyPair {
  const seed = seeds.get(key);
  if (!seed) throw new Error('only raw-bytes session keys can be exported');
  return { publicKey: key.publicKey, secretKey: toHex(seed) + key.publicKey };
}

/**
 * A session key over a WebCrypto Ed25519 key pair. The private key may be (and in the worker
 * is) non-extractable; the public key is always exportable.
 */
export async function sessionKeyFromCryptoKeyPair(pair: CryptoKeyPair): Promise<SessionKey> {
  const { privateKey, publicKey } = pair ?? {};
  if (!privateKey || !publicKey || privateKey.type !== 'private' || publicKey.type !== 'public') {
    throw new TypeError('expected a CryptoKeyPair');
  }
  if (privateKey.algorithm?.name !== 'Ed25519' || publicKey.algorithm?.name !== 'Ed25519') {
    throw new TypeError('expected an Ed25519 key pair');
  }
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', publicKey));
  return Object.freeze({
    publicKey: toHex(raw),
    sign: async (message: Uint8Array) => {
      assertMessage(message);
      return new Uint8Array(
        await crypto.subtle.sign('Ed25519', privateKey, new Uint8Array(message)),
      );
    },
  });
}

/** Generates a non-extractable WebCrypto Ed25519 key pair and its session key. */
export async function generateWebCryptoSessionKey(): Promise<{
  sessionKey: SessionKey;
  keyPair: CryptoKeyPair;
}> {
  const keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  return { sessionKey: await sessionKeyFromCryptoKeyPair(keyPair), keyPair };
}
