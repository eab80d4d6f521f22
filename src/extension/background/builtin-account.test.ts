import { Wallet } from 'ethers';
import { describe, expect, it, vi } from 'vitest';
import { privateKeySigner } from '../../protocol/ethereum';
import { ACCOUNT_STORAGE_KEY } from '../storage-keys';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');
const account = await import('./builtin-account');

const KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';

describe('built-in account', () => {
  it('keeps only an encrypted keystore in storage.local; the unlocked key only in storage.session', async () => {
    const address = await privateKeySigner(Uint8Array.from(Buffer.from(KEY, 'hex'))).getAddress();
    expect(await account.importAccount(`0x${KEY}`, 'correct horse')).toEqual({
      address,
      unlocked: true,
    });
    const local = JSON.stringify([...fakeBrowser.storage.local.data.values()]);
    expect(local).not.toContain(KEY);
    expect(local).toContain('ciphertext');
    expect(JSON.stringify([...fakeBrowser.storage.session.data.values()])).toContain(KEY);

    const { signer } = await account.builtinSigner();
    expect(await signer.getAddress()).toBe(address);

    expect(await account.lockAccount()).toEqual({ address, unlocked: false });
    expect(JSON.stringify([...fakeBrowser.storage.session.data.values()])).not.toContain(KEY);
    await expect(account.builtinSigner()).rejects.toMatchObject({ code: 4100 });
    await expect(account.unlockAccount('wrong password')).rejects.toMatchObject({
      code: -32602,
      message: 'Wrong password',
    });
    expect(await account.unlockAccount('correct horse')).toEqual({ address, unlocked: true });

    await expect(account.createAccount('another one')).rejects.toMatchObject({ code: -32602 });
    expect(await account.deleteAccount()).toEqual({ address: null, unlocked: false });
    expect(JSON.stringify([...fakeBrowser.storage.local.data.values()])).not.toContain(
      'ciphertext',
    );
    await expect(account.builtinSigner()).rejects.toMatchObject({ code: 4100 });
  });

  it('creates a fresh random account and refuses a key that is not a valid secp256k1 scalar', async () => {
    const created = await account.createAccount('password one');
    expect(created.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    await account.deleteAccount();
    await expect(account.importAccount('0'.repeat(64), 'password one')).rejects.toMatchObject({
      code: -32602,
    });
  });

  it('unlocks an account an earlier version stored (an ethers keystore), and no tampered one', async () => {
    const wallet = new Wallet(`0x${KEY}`);
    const keystore = await wallet.encrypt('old password', { scrypt: { N: 1024 } });
    await fakeBrowser.storage.local.set({
      [ACCOUNT_STORAGE_KEY]: { address: wallet.address, keystore },
    });
    expect(await account.unlockAccount('old password')).toEqual({
      address: wallet.address,
      unlocked: true,
    });
    const { signer } = await account.builtinSigner();
    expect(await signer.getAddress()).toBe(wallet.address);

    // The record names another address than its key's: refused, nothing unlocked.
    await account.deleteAccount();
    const other = new Wallet('0x' + '11'.repeat(32)).address;
    await fakeBrowser.storage.local.set({ [ACCOUNT_STORAGE_KEY]: { address: other, keystore } });
    await expect(account.unlockAccount('old password')).rejects.toMatchObject({
      code: -32603,
      message: expect.stringContaining('not the address it names'),
    });
    await expect(account.builtinSigner()).rejects.toMatchObject({ code: 4100 });
    await account.deleteAccount();
  });
});
