// Ethereum pieces a SIWE capability needs: EIP-191 hashing, EIP-55 addresses, recovering the
// signer of a 65-byte `personal_sign` signature, and a private-key signer for tests and devnets.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { getEcdsaRecoverBackend } from './ecdsa-backend';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, fromHex, toHex, utf8 } from './bytes';

/** Anything that signs an EIP-191 personal message, like an ethers `Signer`. */
export interface MessageSigner {
  signMessage(message: string): Promise<string>;
  getAddress?(): Promise<string>;
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const N = secp256k1.Point.Fn.ORDER;

/** EIP-191 `personal_sign` hash: keccak256("\x19Ethereum Signed Message:\n" + length + message). */
export function eip191Hash(message: string | Uint8Array): Uint8Array {
  const bytes = typeof message === 'string' ? utf8(message) : message;
  if (!(bytes instanceof Uint8Array)) throw new TypeError('message: expected a string or bytes');
  return keccak_256(concatBytes(utf8(`\x19Ethereum Signed Message:\n${bytes.length}`), bytes));
}

/** EIP-55 checksummed form of a `0x` + 40 hex address (any case). */
export function toChecksumAddress(address: string): string {
  if (typeof address !== 'string' || !ADDRESS_RE.test(address)) {
    throw new TypeError('address: expected 0x followed by 40 hex characters');
  }
  const lower = address.slice(2).toLowerCase();
  const hash = toHex(keccak_256(utf8(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++)
    out += parseInt(hash[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  return out;
}

/** True when `address` is a `0x` address in its exact EIP-55 checksummed form. */
export function isChecksumAddress(address: unknown): address is string {
  return (
    typeof address === 'string' &&
    ADDRESS_RE.test(address) &&
    toChecksumAddress(address) === address
  );
}

/**
 * A secp256k1 public key (hex with or without `0x`, or bytes; 65-byte uncompressed or 33-byte
 * compressed) as its 65-byte uncompressed encoding; throws when it is not a point on the curve.
 */
export function uncompressedPublicKey(publicKey: Uint8Array | string): Uint8Array {
  const bytes =
    typeof publicKey === 'string' ? fromHex(publicKey, undefined, 'publicKey') : publicKey;
  if (!(bytes instanceof Uint8Array) || (bytes.length !== 65 && bytes.length !== 33)) {
    throw new TypeError('publicKey: expected a 65-byte uncompressed or 33-byte compressed key');
  }
  try {
    return secp256k1.Point.fromBytes(bytes).toBytes(false);
  } catch {
    throw new TypeError('publicKey: not a point on secp256k1');
  }
}

/** The checksummed address of a secp256k1 public key (65-byte uncompressed or 33-byte compressed). */
export function addressFromPublicKey(publicKey: Uint8Array | string): string {
  const uncompressed = uncompressedPublicKey(publicKey);
  return toChecksumAddress('0x' + toHex(keccak_256(uncompressed.subarray(1)).subarray(12)));
}

/**
 * Recovers the checksummed signer address from a 32-byte hash and a 65-byte r ‖ s ‖ v signature
 * (v ∈ {0, 1, 27, 28}). Throws on any other length or v, on r or s out of range, and on high s
 * (Ethereum wallets and Lit nodes only accept low-s signatures).
 */
export function recoverAddress(hash: Uint8Array, signature: Uint8Array | string): string {
  const sig =
    typeof signature === 'string' ? fromHex(signature, undefined, 'signature') : signature;
  if (!(sig instanceof Uint8Array) || sig.length !== 65) {
    throw new TypeError('signature: expected 65 bytes (r ‖ s ‖ v)');
  }
  if (!(hash instanceof Uint8Array) || hash.length !== 32)
    throw new TypeError('hash: expected 32 bytes');
  const v = sig[64]!;
  const recovery = v >= 27 ? v - 27 : v;
  if (recovery !== 0 && recovery !== 1) throw new TypeError(`signature: invalid v ${v}`);
  let parsed;
  try {
    parsed = secp256k1.Signature.fromBytes(sig.subarray(0, 64), 'compact');
  } catch {
    throw new TypeError('signature: r or s out of range');
  }
  if (parsed.s > N >> 1n) throw new TypeError('signature: s is not low (malleable signature)');
  const key = getEcdsaRecoverBackend().recoverPublicKey(hash, sig.subarray(0, 64), recovery);
  if (!(key instanceof Uint8Array) || key.length !== 65) {
    throw new TypeError('signature: no public key recovers from it');
  }
  return addressFromPublicKey(key);
}

/** A `personal_sign` signer over a 32-byte secp256k1 private key (tests, devnet accounts). */
export function privateKeySigner(privateKey: Uint8Array): Required<MessageSigner> {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) {
    throw new TypeError('privateKey: expected 32 bytes');
  }
  const secret = Uint8Array.from(privateKey);
  const address = addressFromPublicKey(secp256k1.getPublicKey(secret, false));
  return {
    getAddress: async () => address,
    signMessage: async (message: string) => {
      const sig = secp256k1.sign(eip191Hash(message), secret, {
        prehash: false,
        format: 'recovered',
      });
      // noble puts the recovery byte first; Ethereum puts v = 27 + recovery last.
      return '0x' + toHex(sig.subarray(1)) + (27 + sig[0]!).toString(16);
    },
  };
}
