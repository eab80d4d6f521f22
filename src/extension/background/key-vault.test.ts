import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fromHex, utf8 } from '../../protocol/bytes';
import { verifyEd25519 } from '../../protocol/ed25519';
import { createSessionKey, deleteSessionKeys, getSessionKey, listVaultEntries } from './key-vault';

describe('key vault', () => {
  it('creates non-extractable Ed25519 keys that sign, and never hands out key material', async () => {
    const key = await createSessionKey('https://a.example', new Date('2026-01-01T00:00:00Z'));
    const signature = await key.sign(utf8('hello'));
    expect(verifyEd25519(signature, utf8('hello'), fromHex(key.publicKey))).toBe(true);
    expect(JSON.stringify(key)).not.toMatch(/[0-9a-f]{128}/);
    expect(await listVaultEntries('https://a.example')).toEqual([
      {
        publicKey: key.publicKey,
        origin: 'https://a.example',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ]);

    // What IndexedDB holds is a CryptoKey that refuses export.
    const { openDB } = await import('idb');
    const db = await openDB('lit-companion-keys');
    const stored = (await db.get('sessionKeys', key.publicKey)) as { keyPair: CryptoKeyPair };
    db.close();
    expect(stored.keyPair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', stored.keyPair.privateKey)).rejects.toThrow();
  });

  it('deletes keys for good, and lists keys per origin', async () => {
    const a = await createSessionKey('https://b.example');
    const b = await createSessionKey('https://c.example');
    await deleteSessionKeys([a.publicKey]);
    expect(await getSessionKey(a.publicKey, 'https://b.example')).toBeNull();
    expect(await listVaultEntries('https://b.example')).toEqual([]);
    expect((await getSessionKey(b.publicKey, 'https://c.example'))?.publicKey).toBe(b.publicKey);
  });

  it('hands a key out only for its own origin, also once it is cached, and after a restart', async () => {
    const key = await createSessionKey('https://owner.example');
    expect(await getSessionKey(key.publicKey, 'https://other.example')).toBeNull();
    expect((await getSessionKey(key.publicKey, 'https://owner.example'))?.publicKey).toBe(
      key.publicKey,
    );

    // A new worker reads the key from IndexedDB: the origin stored with it decides.
    vi.resetModules();
    const fresh = await import('./key-vault');
    expect(await fresh.getSessionKey(key.publicKey, 'https://other.example')).toBeNull();
    expect((await fresh.getSessionKey(key.publicKey, 'https://owner.example'))?.publicKey).toBe(
      key.publicKey,
    );
    expect(await fresh.getSessionKey(key.publicKey, 'https://other.example')).toBeNull();
  });
});
