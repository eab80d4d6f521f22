import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../test-support';
import { NodeStore, type NodeSecrets } from './node-store';

const secrets: NodeSecrets = {
  networkId: '01'.repeat(32),
  index: 2,
  blsShare: { id: 3, secretKey: new Uint8Array(32).fill(9) },
  ecdsaRootShares: [
    { id: 3, secretKey: new Uint8Array(32).fill(1) },
    { id: 3, secretKey: new Uint8Array(32).fill(2) },
  ],
  walletPrivateKey: new Uint8Array(32).fill(5),
};

let temp: ReturnType<typeof tempDataDir>;
beforeEach(() => (temp = tempDataDir()));
afterEach(() => temp.remove());

describe('node store', () => {
  it('keeps the node secrets in an owner-only file and reads them back after reopening', () => {
    const path = join(temp.dir, 'node-2.sqlite');
    NodeStore.create(path, secrets, 1).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const store = NodeStore.open(path);
    expect(store.secrets()).toEqual(secrets);
    store.close();
  });

  it('refuses to create over an existing file', () => {
    const path = join(temp.dir, 'node-0.sqlite');
    NodeStore.create(path, secrets, 1).close();
    expect(() => NodeStore.create(path, secrets, 1)).toThrow(/EEXIST/);
  });

  it('lets an auth method authorize one session key only, also after reopening', () => {
    const path = join(temp.dir, 'node-0.sqlite');
    const store = NodeStore.create(path, secrets, 1);
    expect(store.claimAuthMethods(['h1'], 'key-a', 10)).toBe(true);
    expect(store.claimAuthMethods(['h1'], 'key-a', 11)).toBe(true);
    expect(store.claimAuthMethods(['h1'], 'key-b', 12)).toBe(false);
    store.close();
    const again = NodeStore.open(path);
    expect(again.claimAuthMethods(['h1'], 'key-b', 13)).toBe(false);
    expect(again.claimAuthMethods(['h2'], 'key-b', 13)).toBe(true);
    again.close();
  });

  it("claims a request's auth methods all or none", () => {
    const path = join(temp.dir, 'node-0.sqlite');
    const store = NodeStore.create(path, secrets, 1);
    expect(store.claimAuthMethods(['used'], 'key-a', 10)).toBe(true);
    // 'fresh' comes first and 'used' fails: 'fresh' must stay unclaimed.
    expect(store.claimAuthMethods(['fresh', 'used'], 'key-b', 11)).toBe(false);
    expect(store.claimAuthMethods(['fresh'], 'key-c', 12)).toBe(true);
    // The same key twice in one request, and a request of keys all its own, are fine.
    expect(store.claimAuthMethods(['h3', 'h3', 'h4'], 'key-d', 13)).toBe(true);
    expect(store.claimAuthMethods(['h3', 'h4'], 'key-d', 14)).toBe(true);
    expect(store.claimAuthMethods(['h4', 'h5'], 'key-e', 15)).toBe(false);
    store.close();
    const again = NodeStore.open(path);
    expect(again.claimAuthMethods(['h5'], 'key-f', 16)).toBe(true);
    expect(again.claimAuthMethods(['fresh'], 'key-b', 17)).toBe(false);
    again.close();
  });

  it('remembers the code of actions it has seen', () => {
    const store = NodeStore.create(join(temp.dir, 'node-0.sqlite'), secrets, 1);
    expect(store.actionCode('Qm1')).toBeNull();
    store.rememberActionCode('Qm1', 'code');
    store.rememberActionCode('Qm1', 'other');
    expect(store.actionCode('Qm1')).toBe('code');
    store.close();
  });

  it('keeps the first revocation of a session key', () => {
    const store = NodeStore.create(join(temp.dir, 'node-0.sqlite'), secrets, 1);
    const first = { sessionKey: 'aa', revokedAt: 5, revokedBy: 'session', recordedAt: 6 };
    expect(store.sessionKeyRevocation('aa')).toBeNull();
    expect(store.revokeSessionKey(first)).toBe(true);
    expect(store.revokeSessionKey({ ...first, revokedAt: 9 })).toBe(false);
    expect(store.sessionKeyRevocation('aa')).toEqual(first);
    store.close();
  });
});
