// The v3 keystore against ethers (the format's reference, and what earlier versions of the
// extension wrote): each opens the other's files, passwords are NFKC-normalized as ethers does,
// and anything wrong is a KeystoreError, never a wrong key.
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../protocol/bytes';
import { KeystoreError, SCRYPT_N, decryptKeystore, encryptKeystore } from './keystore';

const N = 1024; // small work factor: the format is what is under test, not scrypt's cost
const key = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const wallet = new Wallet(`0x${toHex(key)}`);

async function failure(p: Promise<unknown>): Promise<KeystoreError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(e instanceof KeystoreError)) throw new Error(`expected a KeystoreError, got ${String(e)}`);
  return e;
}

describe('keystore', () => {
  it('writes what ethers opens, and opens what ethers writes', async () => {
    const ours = await encryptKeystore(key, wallet.address, 'correct horse', { scryptN: N });
    const opened = await Wallet.fromEncryptedJson(ours, 'correct horse');
    expect(opened.privateKey).toBe(wallet.privateKey);
    expect(JSON.parse(ours)).toMatchObject({
      address: wallet.address.slice(2).toLowerCase(),
      version: 3,
      crypto: { cipher: 'aes-128-ctr', kdf: 'scrypt', kdfparams: { n: N, r: 8, p: 1, dklen: 32 } },
    });

    const theirs = await wallet.encrypt('battery staple', { scrypt: { N } });
    expect(await decryptKeystore(theirs, 'battery staple')).toEqual(key);
  });

  it('uses ethers’ work factor unless told otherwise, with a fresh salt and iv each time', async () => {
    const a = JSON.parse(await encryptKeystore(key, wallet.address, 'pw'));
    expect(a.crypto.kdfparams.n).toBe(SCRYPT_N);
    expect(SCRYPT_N).toBe(2 ** 17);
    const b = JSON.parse(await encryptKeystore(key, wallet.address, 'pw', { scryptN: N }));
    const c = JSON.parse(await encryptKeystore(key, wallet.address, 'pw', { scryptN: N }));
    expect(b.crypto.kdfparams.salt).not.toBe(c.crypto.kdfparams.salt);
    expect(b.crypto.cipherparams.iv).not.toBe(c.crypto.cipherparams.iv);
    expect(b.crypto.ciphertext).not.toBe(c.crypto.ciphertext);
  });

  it('normalizes passwords as ethers does (NFKC)', async () => {
    // U+FB01 (the "fi" ligature) and "fi" are the same password once normalized.
    const theirs = await wallet.encrypt('\uFB01le', { scrypt: { N } });
    expect(await decryptKeystore(theirs, 'file')).toEqual(key);
    const ours = await encryptKeystore(key, wallet.address, 'file', { scryptN: N });
    expect((await Wallet.fromEncryptedJson(ours, '\uFB01le')).privateKey).toBe(wallet.privateKey);
  });

  it('says "wrong password" for a wrong password or a changed ciphertext or MAC', async () => {
    const json = await encryptKeystore(key, wallet.address, 'right', { scryptN: N });
    expect((await failure(decryptKeystore(json, 'wrong'))).message).toBe('wrong password');
    const parsed = JSON.parse(json);
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    for (const field of ['ciphertext', 'mac'] as const) {
      const changed = {
        ...parsed,
        crypto: { ...parsed.crypto, [field]: flip(parsed.crypto[field]) },
      };
      expect((await failure(decryptKeystore(JSON.stringify(changed), 'right'))).message).toBe(
        'wrong password',
      );
    }
  });

  it('refuses files it does not read, and scrypt costs that would hang the worker', async () => {
    const parsed = JSON.parse(await encryptKeystore(key, wallet.address, 'pw', { scryptN: N }));
    const variant = (crypto: object, top: object = {}) =>
      JSON.stringify({ ...parsed, ...top, crypto: { ...parsed.crypto, ...crypto } });
    const kdf = (params: object) => ({ kdfparams: { ...parsed.crypto.kdfparams, ...params } });
    for (const bad of [
      'not json',
      JSON.stringify(null),
      variant({}, { version: 2 }),
      variant({ kdf: 'pbkdf2' }),
      variant({ cipher: 'aes-256-gcm' }),
      variant(kdf({ n: 1000 })),
      variant(kdf({ n: 2 ** 19 })),
      variant(kdf({ r: 64 })),
      variant(kdf({ p: 100 })),
      variant(kdf({ dklen: 64 })),
      variant({ cipherparams: { iv: '00' } }),
    ]) {
      expect((await failure(decryptKeystore(bad, 'pw'))).message).toMatch(
        /^not a keystore this extension reads/,
      );
    }
    await expect(encryptKeystore(new Uint8Array(31), wallet.address, 'pw')).rejects.toThrow(
      KeystoreError,
    );
  });
});
