// Session keys: Ed25519 WebCrypto keys created non-extractable, kept in the extension's own
// IndexedDB (structured clone keeps a CryptoKey a CryptoKey), never as bytes anywhere. A session
// record names its key by public key; the key is handed out only for the origin it was made for,
// since records live in storage.local, which content scripts can write too.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  generateWebCryptoSessionKey,
  sessionKeyFromCryptoKeyPair,
  type SessionKey,
} from '../../protocol/session-key';

const DB_NAME = 'lit-companion-keys';
const STORE = 'sessionKeys';
/** 2: the store is created whenever it is missing (version 1 assumed a fresh database). */
const DB_VERSION = 2;

interface StoredKey {
  publicKey: string;
  origin: string;
  createdAt: string;
  keyPair: CryptoKeyPair;
}

/** What the vault tells about a key: never the key itself. */
export type VaultEntry = Omit<StoredKey, 'keyPair'>;

interface VaultSchema extends DBSchema {
  [STORE]: { key: string; value: StoredKey; indexes: { origin: string } };
}

let db: Promise<IDBPDatabase<VaultSchema>> | null = null;
// Keys already read this worker lifetime, with their origin: signing must not wait on
// IndexedDB every request.
const loaded = new Map<string, { origin: string; key: SessionKey }>();

function open(): Promise<IDBPDatabase<VaultSchema>> {
  db ??= openDB<VaultSchema>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      // Also when something opened the database before the worker did, leaving it empty.
      if (!database.objectStoreNames.contains(STORE)) {
        database.createObjectStore(STORE, { keyPath: 'publicKey' }).createIndex('origin', 'origin');
      }
    },
  });
  return db;
}

/** Creates a non-extractable session key for `origin` and stores it. */
export async function createSessionKey(origin: string, now = new Date()): Promise<SessionKey> {
  const { sessionKey, keyPair } = await generateWebCryptoSessionKey();
  if (keyPair.privateKey.extractable) throw new Error('the session key came out extractable');
  await (
    await open()
  ).put(STORE, {
    publicKey: sessionKey.publicKey,
    origin,
    createdAt: now.toISOString(),
    keyPair,
  });
  loaded.set(sessionKey.publicKey, { origin, key: sessionKey });
  return sessionKey;
}

/**
 * The key with this public key, made for `origin` (the record's); null when the vault does not
 * hold it, or holds it for another origin: a record naming another origin's key (written by
 * something else than this worker) gets nothing to sign with.
 */
export async function getSessionKey(publicKey: string, origin: string): Promise<SessionKey | null> {
  let entry = loaded.get(publicKey);
  if (!entry) {
    const stored = await (await open()).get(STORE, publicKey);
    if (!stored) return null;
    entry = { origin: stored.origin, key: await sessionKeyFromCryptoKeyPair(stored.keyPair) };
    loaded.set(publicKey, entry);
  }
  if (entry.origin !== origin) {
    console.warn(`Lit Companion: a session record of ${origin} names a key of another origin`);
    return null;
  }
  return entry.key;
}

export async function deleteSessionKeys(publicKeys: readonly string[]): Promise<void> {
  if (publicKeys.length === 0) return;
  const tx = (await open()).transaction(STORE, 'readwrite');
  for (const publicKey of publicKeys) {
    loaded.delete(publicKey);
    void tx.store.delete(publicKey);
  }
  await tx.done;
}

/** Every key the vault holds, described without the key. */
export async function listVaultEntries(origin?: string): Promise<VaultEntry[]> {
  const database = await open();
  const all = origin
    ? await database.getAllFromIndex(STORE, 'origin', origin)
    : await database.getAll(STORE);
  return all.map(({ publicKey, origin: o, createdAt }) => ({ publicKey, origin: o, createdAt }));
}
