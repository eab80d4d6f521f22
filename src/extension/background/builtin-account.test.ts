import { Wallet } from 'ethers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { privateKeySigner } from '../../protocol/ethereum';
import { ACCOUNT_STORAGE_KEY } from '../storage-keys';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { fakeBrowser } = await import('./test-browser');
const account = await import('./builtin-account');

const KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';

describe('built-in account', () => {
  // Each test starts with no account, even when the one before failed half-way.
  beforeEach(() => {
    fakeBrowser.storage.local.data.clear();
    fakeBrowser.storage.session.data.clear();
  });

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

  it('of two creates at once (two options tabs), keeps the first key and refuses the second', async () => {
    const [first, second] = await Promise.allSettled([
      account.createAccount('first password'),
      account.createAccount('second password'),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { unlocked: true } });
    expect(second).toMatchObject({
      status: 'rejected',
      reason: { code: -32602, message: 'There is a built-in account already: delete it first' },
    });
    const kept = first.status === 'fulfilled' ? first.value.address : null;
    expect(await account.accountStatus()).toEqual({ address: kept, unlocked: true });
    // The first key stayed: the stored record and the unlocked key are its address's.
    const stored = fakeBrowser.storage.local.data.get(ACCOUNT_STORAGE_KEY) as { address: string };
    expect(stored.address).toBe(kept);
    const { signer } = await account.builtinSigner();
    expect(await signer.getAddress()).toBe(kept);
    await account.deleteAccount();
  });

  it('runs account writes in the order they were asked: a delete asked during a create ends with no account', async () => {
    const creating = account.createAccount('password one');
    const deleting = account.deleteAccount();
    expect((await creating).unlocked).toBe(true);
    expect(await deleting).toEqual({ address: null, unlocked: false });
    expect(await account.accountStatus()).toEqual({ address: null, unlocked: false });
    expect(fakeBrowser.storage.session.data.size).toBe(0);
  });

  it('never replaces an account written while the key was being encrypted', async () => {
    const other = { address: new Wallet('0x' + '22'.repeat(32)).address, keystore: '{}' };
    // Another context writes the record just after create's first check, during scrypt.
    const get = fakeBrowser.storage.local.get;
    const spy = vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementationOnce(async (keys) => {
      const found = await get(keys);
      fakeBrowser.storage.local.data.set(ACCOUNT_STORAGE_KEY, other);
      return found;
    });
    await expect(account.importAccount(KEY, 'password one')).rejects.toMatchObject({
      code: -32602,
      message: 'There is a built-in account already: delete it first',
    });
    spy.mockRestore();
    expect(fakeBrowser.storage.local.data.get(ACCOUNT_STORAGE_KEY)).toEqual(other);
    expect(fakeBrowser.storage.session.data.size).toBe(0);
    await account.deleteAccount();
  });
});
