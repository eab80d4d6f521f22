// The built-in account's key at rest: a Web3 Secret Storage (v3) keystore, the JSON that ethers,
// geth and MetaMask read and write: scrypt (N 2^17, r 8, p 1) → AES-128-CTR, MAC keccak256.
// Why not ethers' keystore (@ethersproject/json-wallets, what earlier versions used, whose files
// this still opens): evaluating it and its dependencies (elliptic, bn.js, wordlists) took ~33 ms
// of every worker start, for an operation a user does once per browser session. The format is
// small; the primitives are noble's audited scrypt and keccak and the browser's own AES, and the
// tests check it against ethers both ways.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { z } from 'zod/mini';
import { concatBytes, equalBytes, fromHex, toHex, utf8 } from '../../protocol/bytes';

/** ethers' default work factor: ~1 s per unlock on these machines. */
export const SCRYPT_N = 2 ** 17;
// A stored keystore is ours, but bigger costs than these would be a way to hang the worker or
// exhaust its memory (scrypt needs 128·N·r bytes: at most 512 MB here; geth's default N is 2^18).
const MAX_SCRYPT_N = 2 ** 18;
const MAX_SCRYPT_R = 16;
const MAX_SCRYPT_P = 4;

export class KeystoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeystoreError';
  }
}

const hexOf = (bytes: number) =>
  z.string().check(z.regex(new RegExp(`^(0x)?[0-9a-fA-F]{${bytes * 2}}$`)));

const keystoreSchema = z.object({
  version: z.literal(3),
  crypto: z.object({
    cipher: z.literal('aes-128-ctr'),
    cipherparams: z.object({ iv: hexOf(16) }),
    ciphertext: hexOf(32),
    kdf: z.literal('scrypt'),
    kdfparams: z.object({
      dklen: z.literal(32),
      n: z.number().check(z.int(), z.positive()),
      r: z.number().check(z.int(), z.positive()),
      p: z.number().check(z.int(), z.positive()),
      salt: z.string().check(z.regex(/^(0x)?([0-9a-fA-F]{2}){16,64}$/)),
    }),
    mac: hexOf(32),
  }),
});

const strip = (hex: string) => hex.replace(/^0x/, '');

/** As ethers does: NFKC, so a password typed on another keyboard or OS opens the same file. */
const passwordBytes = (password: string) => utf8(password.normalize('NFKC'));

async function derive(
  password: string,
  salt: Uint8Array,
  params: { n: number; r: number; p: number },
): Promise<Uint8Array> {
  return scryptAsync(passwordBytes(password), salt, {
    N: params.n,
    r: params.r,
    p: params.p,
    dkLen: 32,
    // Yields (scheduler.yield in the worker) between slices: other messages still get answered.
    asyncTick: 20,
  });
}

// WebCrypto takes only ArrayBuffer-backed views: copies (32 bytes at most) make them so.
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

async function aes128Ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', own(key), 'AES-CTR', false, ['encrypt']);
  const counter = { name: 'AES-CTR', counter: own(iv), length: 128 };
  return new Uint8Array(await crypto.subtle.encrypt(counter, cryptoKey, own(data)));
}

const macOf = (derived: Uint8Array, ciphertext: Uint8Array) =>
  keccak_256(concatBytes(derived.subarray(16, 32), ciphertext));

/** The v3 keystore JSON of a 32-byte key, for `address` (0x, as the account shows it). */
export async function encryptKeystore(
  privateKey: Uint8Array,
  address: string,
  password: string,
  options: { scryptN?: number } = {},
): Promise<string> {
  if (privateKey.length !== 32) throw new KeystoreError('expected a 32-byte private key');
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const kdfparams = { dklen: 32, n: options.scryptN ?? SCRYPT_N, r: 8, p: 1 };
  const derived = await derive(password, salt, kdfparams);
  const ciphertext = await aes128Ctr(derived.subarray(0, 16), iv, privateKey);
  return JSON.stringify({
    address: strip(address).toLowerCase(),
    id: crypto.randomUUID(),
    version: 3,
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: toHex(iv) },
      ciphertext: toHex(ciphertext),
      kdf: 'scrypt',
      kdfparams: { ...kdfparams, salt: toHex(salt) },
      mac: toHex(macOf(derived, ciphertext)),
    },
  });
}

/**
 * The private key in a v3 keystore (ours or ethers'). Throws a KeystoreError: "wrong password"
 * when the MAC does not match, or what is wrong with a file it does not read.
 */
export async function decryptKeystore(json: string, password: string): Promise<Uint8Array> {
  let parsed: z.infer<typeof keystoreSchema>;
  try {
    const result = keystoreSchema.safeParse(JSON.parse(json));
    if (!result.success) throw new Error(result.error.issues[0]?.path.join('.') ?? 'invalid');
    parsed = result.data;
  } catch (e) {
    throw new KeystoreError(`not a keystore this extension reads (${(e as Error).message})`);
  }
  const { kdfparams, cipherparams } = parsed.crypto;
  const { n, r, p } = kdfparams;
  // scrypt needs N a power of two above 1; the cost bound keeps a bad file from hanging us.
  if (n < 2 || (n & (n - 1)) !== 0 || n > MAX_SCRYPT_N || r > MAX_SCRYPT_R || p > MAX_SCRYPT_P) {
    throw new KeystoreError('not a keystore this extension reads (scrypt parameters)');
  }
  const derived = await derive(password, fromHex(strip(kdfparams.salt)), { n, r, p });
  const ciphertext = fromHex(strip(parsed.crypto.ciphertext));
  if (!equalBytes(macOf(derived, ciphertext), fromHex(strip(parsed.crypto.mac)))) {
    throw new KeystoreError('wrong password');
  }
  return aes128Ctr(derived.subarray(0, 16), fromHex(strip(cipherparams.iv)), ciphertext);
}
