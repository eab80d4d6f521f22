// The built-in account, for users without a wallet: one secp256k1 key, stored only as a v3 JSON
// keystore (scrypt + AES, `keystore.ts`) in storage.local. Unlocked, the key sits in
// storage.session (trusted contexts only, gone when the browser closes) until the user locks it.
import browser from 'webextension-polyfill';
import { z } from 'zod/mini';
import { fromHex, toHex } from '../../protocol/bytes';
import { privateKeySigner, type MessageSigner } from '../../protocol/ethereum';
import { ProviderErrorCode, type AccountStatus } from '../messages';
import { ACCOUNT_STORAGE_KEY, ACCOUNT_UNLOCKED_STORAGE_KEY } from '../storage-keys';
import { ProviderRpcError } from './errors';
import { KeystoreError, decryptKeystore, encryptKeystore } from './keystore';
import { serialized } from './serial';

const ACCOUNT_KEY = ACCOUNT_STORAGE_KEY;
const UNLOCKED_KEY = ACCOUNT_UNLOCKED_STORAGE_KEY;

// Every write of the account (create, import, unlock, lock, delete) runs one at a time. Create
// checks "no account yet" and then spends ~1 s in scrypt: two at once (two options tabs) both
// passed the check and the second overwrote the first key, and with it the credits and PKPs tied
// to that address. An unlock that read the old account while it was deleted and another created
// could likewise overwrite the new account's unlocked key.
const accountWrite = serialized();

const storedAccountSchema = z.object({ address: z.string(), keystore: z.string() });
const unlockedSchema = z.object({
  address: z.string(),
  privateKey: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});

async function storedAccount() {
  const parsed = storedAccountSchema.safeParse(
    (await browser.storage.local.get(ACCOUNT_KEY))[ACCOUNT_KEY],
  );
  return parsed.success ? parsed.data : null;
}

async function unlockedKey(address: string): Promise<Uint8Array | null> {
  const parsed = unlockedSchema.safeParse(
    (await browser.storage.session.get(UNLOCKED_KEY))[UNLOCKED_KEY],
  );
  return parsed.success && parsed.data.address === address ? fromHex(parsed.data.privateKey) : null;
}

export async function accountStatus(): Promise<AccountStatus> {
  const account = await storedAccount();
  if (!account) return { address: null, unlocked: false };
  return { address: account.address, unlocked: (await unlockedKey(account.address)) !== null };
}

async function refuseIfAccount(): Promise<void> {
  if (await storedAccount()) {
    throw new ProviderRpcError(
      ProviderErrorCode.invalidParams,
      'There is a built-in account already: delete it first',
    );
  }
}

function keep(privateKey: Uint8Array, password: string): Promise<AccountStatus> {
  return accountWrite(async () => {
    // Before scrypt, so a refusal is immediate.
    await refuseIfAccount();
    let address: string;
    try {
      address = await privateKeySigner(privateKey).getAddress();
    } catch {
      throw new ProviderRpcError(ProviderErrorCode.invalidParams, 'Not a valid private key');
    }
    const keystore = await encryptKeystore(privateKey, address, password);
    // And again right before writing: the queue orders this worker's writes, but storage.local is
    // shared by every extension context, and an account written meanwhile must never be replaced.
    await refuseIfAccount();
    await browser.storage.local.set({ [ACCOUNT_KEY]: { address, keystore } });
    await browser.storage.session.set({
      [UNLOCKED_KEY]: { address, privateKey: toHex(privateKey) },
    });
    return { address, unlocked: true };
  });
}

/** A new random account, unlocked. */
export function createAccount(password: string): Promise<AccountStatus> {
  return keep(crypto.getRandomValues(new Uint8Array(32)), password);
}

/** An existing key (32 bytes of hex), unlocked. */
export function importAccount(privateKeyHex: string, password: string): Promise<AccountStatus> {
  return keep(fromHex(privateKeyHex.replace(/^0x/, ''), 32, 'privateKey'), password);
}

export function unlockAccount(password: string): Promise<AccountStatus> {
  return accountWrite(() => unlock(password));
}

async function unlock(password: string): Promise<AccountStatus> {
  const account = await storedAccount();
  if (!account) {
    throw new ProviderRpcError(ProviderErrorCode.unauthorized, 'There is no built-in account');
  }
  let privateKey: Uint8Array;
  try {
    privateKey = await decryptKeystore(account.keystore, password);
  } catch (e) {
    if (!(e instanceof KeystoreError)) throw e;
    const wrong = e.message === 'wrong password';
    throw new ProviderRpcError(
      wrong ? ProviderErrorCode.invalidParams : ProviderErrorCode.internal,
      wrong ? 'Wrong password' : `The stored account cannot be read: ${e.message}`,
    );
  }
  // The file names its address; the key must be that account's, or the record was tampered with.
  const address = await privateKeySigner(privateKey).getAddress();
  if (address.toLowerCase() !== account.address.toLowerCase()) {
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      'The stored account cannot be read: its key is not the address it names',
    );
  }
  await browser.storage.session.set({
    [UNLOCKED_KEY]: { address: account.address, privateKey: toHex(privateKey) },
  });
  return { address: account.address, unlocked: true };
}

export function lockAccount(): Promise<AccountStatus> {
  return accountWrite(async () => {
    await browser.storage.session.remove(UNLOCKED_KEY);
    return accountStatus();
  });
}

export function deleteAccount(): Promise<AccountStatus> {
  return accountWrite(async () => {
    await browser.storage.session.remove(UNLOCKED_KEY);
    await browser.storage.local.remove(ACCOUNT_KEY);
    return { address: null, unlocked: false };
  });
}

/** The unlocked account as a signer; 4100 when there is none or it is locked. */
export async function builtinSigner(): Promise<{
  address: string;
  signer: Required<MessageSigner>;
}> {
  const account = await storedAccount();
  const key = account && (await unlockedKey(account.address));
  if (!account || !key) {
    throw new ProviderRpcError(
      ProviderErrorCode.unauthorized,
      account ? 'The built-in account is locked' : 'There is no built-in account',
    );
  }
  return { address: account.address, signer: privateKeySigner(key) };
}
