import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';

describe('key vault database', () => {
  it('creates its store even when an empty database of that name exists already', async () => {
    (await openDB('lit-companion-keys', 1)).close();
    const vault = await import('./key-vault');
    const key = await vault.createSessionKey('https://d.example');
    expect((await vault.getSessionKey(key.publicKey, 'https://d.example'))?.publicKey).toBe(
      key.publicKey,
    );
  });
});
