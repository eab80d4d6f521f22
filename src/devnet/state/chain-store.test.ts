import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDataDir } from '../test-support';
import { BLOCK_HASH_VALIDITY_SECONDS } from './chain-reader';
import { ChainStore, blockHash } from './chain-store';
import type { NetworkMeta } from './chain-types';
import { CHAIN_MIGRATIONS } from './chain-schema';
import { migrate, openDatabase } from './sqlite';
import { DevnetError } from '../errors';

const meta: NetworkMeta = {
  networkId: 'ab'.repeat(32),
  chainId: 31337,
  nodeCount: 2,
  threshold: 2,
  epoch: { number: 1, epochLength: 3600, endTime: 1_000_003_600, retries: 0, timeout: 60 },
  networkPublicKey: 'cd'.repeat(48),
  hdRootPubkeys: ['02' + '11'.repeat(32), '03' + '22'.repeat(32)],
  createdAt: 1_000_000_000,
};

let temp: ReturnType<typeof tempDataDir>;
let now: number;
let store: ChainStore;

beforeEach(() => {
  temp = tempDataDir();
  now = meta.createdAt * 1000;
  store = ChainStore.openStore(join(temp.dir, 'chain.sqlite'), { create: true, clock: () => now });
  store.writeGenesis({
    meta,
    nodes: [0, 1].map((index) => ({
      index,
      host: '127.0.0.1',
      port: 7470 + index,
      nodeAddress: '0x' + String(index + 1).repeat(40),
      blsShareId: index + 1,
      blsPublicShare: 'ee'.repeat(48),
    })),
  });
});
afterEach(() => {
  store.close();
  temp.remove();
});

describe('chain store', () => {
  it('reads back the genesis: meta, validators with URLs, block 0', () => {
    expect(store.network()).toEqual(meta);
    expect(store.nodes().map((n) => n.url)).toEqual([
      'http://127.0.0.1:7470',
      'http://127.0.0.1:7471',
    ]);
    const genesis = store.latestBlock();
    expect(genesis).toEqual({
      number: 0,
      hash: blockHash(meta.networkId, 0, meta.createdAt),
      parentHash: '0x' + meta.networkId,
      timestamp: meta.createdAt,
    });
  });

  it('chains blocks by hash and never goes back in time', () => {
    now += 12_000;
    const b1 = store.appendBlock();
    now -= 60_000;
    const b2 = store.appendBlock();
    expect(b1.parentHash).toBe(store.blockByNumber(0)!.hash);
    expect(b2.parentHash).toBe(b1.hash);
    expect(b2.timestamp).toBe(b1.timestamp);
    expect(b1.hash).toBe(blockHash(b1.parentHash, 1, b1.timestamp));
    expect(store.blockByHash(b2.hash.toUpperCase().replace('0X', '0x'))).toEqual(b2);
    expect(store.blockByNumber(9)).toBeNull();
    expect(store.blockByHash('0x1234')).toBeNull();
  });

  it('accepts an issued block hash as a nonce for 30 days, then not', () => {
    const block = store.appendBlock();
    expect(store.isIssuedBlockHash(block.hash)).toBe(block.timestamp);
    now = (block.timestamp + BLOCK_HASH_VALIDITY_SECONDS) * 1000;
    expect(store.isIssuedBlockHash(block.hash)).toBe(block.timestamp);
    now += 1000;
    expect(store.isIssuedBlockHash(block.hash)).toBeNull();
    expect(store.isIssuedBlockHash('0x' + '00'.repeat(32))).toBeNull();
    expect(store.isIssuedBlockHash('not a hash')).toBeNull();
  });

  it('stores PKPs; auth method scopes accumulate as in Lit contract; removals apply', () => {
    const tokenId = '0a'.repeat(32);
    const method = { authMethodType: 1, authMethodId: '0x' + '33'.repeat(32), scopes: [2] };
    const pkp = store.insertPkp({
      tokenId,
      publicKey: '0x04' + '55'.repeat(64),
      ethAddress: '0x' + '66'.repeat(20),
      keyId: '0x' + '77'.repeat(32),
      owner: null,
      permittedAddresses: ['0x' + '88'.repeat(20)],
      permittedAuthMethods: [method],
      permittedActions: ['QmUuoPhVHm9D66UoPkBiWsAKmw5QcadNdhqrbQB5Kni7Jg'],
    });
    expect(pkp.permittedAuthMethods).toEqual([method]);
    expect(store.pkp('0x' + tokenId.toUpperCase())?.tokenId).toBe(tokenId);

    const after = store.updatePkpPermissions(tokenId, {
      add: { permittedAuthMethods: [{ ...method, scopes: [1] }] },
      remove: { permittedAddresses: ['0x' + '88'.repeat(20)] },
    });
    expect(after?.permittedAuthMethods[0]?.scopes).toEqual([1, 2]);
    expect(after?.permittedAddresses).toEqual([]);
    const removed = store.updatePkpPermissions(tokenId, {
      remove: { permittedAuthMethods: [method], permittedActions: pkp.permittedActions },
    });
    expect(removed).toEqual({
      permittedAddresses: [],
      permittedAuthMethods: [],
      permittedActions: [],
    });
    expect(store.updatePkpPermissions('ff'.repeat(32), {})).toBeNull();
    expect(store.pkp('nope')).toBeNull();
  });

  it('numbers capacity credits 1, 2, … and finds them by owner in any case', () => {
    const owner = '0x' + 'aB'.repeat(20);
    const a = store.insertCapacityCredit({ owner, requestsPerKilosecond: 10, expiresAt: 2e9 });
    const b = store.insertCapacityCredit({ owner, requestsPerKilosecond: 20, expiresAt: 2e9 });
    expect([a.tokenId, b.tokenId]).toEqual(['1', '2']);
    expect(store.capacityCredit('2')?.requestsPerKilosecond).toBe(20);
    expect(store.capacityCredit(1n)?.owner).toBe(owner);
    expect(store.capacityCredit('x')).toBeNull();
    expect(store.capacityCredit('99999999999999999999999')).toBeNull();
    expect(store.capacityCreditsOwnedBy(owner.toLowerCase())).toHaveLength(2);
  });

  it('moves validators to new ports, keeping the rest', () => {
    store.setNodeEndpoints([{ index: 1, host: '127.0.0.1', port: 9001 }]);
    expect(store.nodes()[1]).toMatchObject({ port: 9001, blsShareId: 2 });
  });
});

describe('migrations', () => {
  it('record the schema version and refuse a file from a newer devnet', () => {
    const path = join(temp.dir, 'chain.sqlite');
    const db = openDatabase(path);
    expect(
      (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v,
    ).toBe(CHAIN_MIGRATIONS.length);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 0)").run();
    expect(() => migrate(db, CHAIN_MIGRATIONS, 'chain.sqlite')).toThrow(DevnetError);
    expect(() => migrate(db, CHAIN_MIGRATIONS, 'chain.sqlite')).toThrow(/newer than this devnet/);
    db.close();
  });

  it('WAL mode, so node processes read while the chain writes', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
