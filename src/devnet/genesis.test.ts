import { secp256k1 } from '@noble/curves/secp256k1.js';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blsPublicKey } from '../protocol/bls';
import { fromHex, toHex } from '../protocol/bytes';
import { addressFromPublicKey } from '../protocol/ethereum';
import { recoverSecret } from '../protocol/shamir';
import { dealerDbPath, nodeDbPath } from './data-dir';
import { DevnetError } from './errors';
import { recoverScalar } from './field-shamir';
import { openNetwork } from './genesis';
import { SECP256K1_ORDER } from './hd-keys';
import { NodeStore } from './state/node-store';
import { tempDataDir } from './test-support';

let temp: ReturnType<typeof tempDataDir>;
beforeEach(() => (temp = tempDataDir()));
afterEach(() => temp.remove());

const readSecrets = (dir: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const store = NodeStore.open(nodeDbPath(dir, i));
    const secrets = store.secrets();
    store.close();
    return secrets;
  });

describe('genesis', () => {
  it('deals the BLS key t-of-n: any t node shares recombine to the network key', () => {
    const { chain, meta, created } = openNetwork({
      dataDir: temp.dir,
      nodes: 3,
      threshold: 2,
      port: 7470,
    });
    chain.close();
    expect(created).toBe(true);
    expect(meta).toMatchObject({ nodeCount: 3, threshold: 2, chainId: 31337 });
    expect(meta.networkPublicKey).toMatch(/^[0-9a-f]{96}$/);
    const secrets = readSecrets(temp.dir, 3);
    expect(secrets.map((s) => s.blsShare.id)).toEqual([1, 2, 3]);
    for (const pair of [
      [0, 1],
      [1, 2],
      [0, 2],
    ]) {
      const secret = recoverSecret(pair.map((i) => secrets[i]!.blsShare));
      expect(toHex(blsPublicKey(secret))).toBe(meta.networkPublicKey);
    }
  });

  it('deals two secp256k1 roots t-of-n that recombine to the published HD root keys', () => {
    const { chain, meta } = openNetwork({ dataDir: temp.dir, nodes: 4, threshold: 3, port: 7470 });
    chain.close();
    expect(meta.hdRootPubkeys).toHaveLength(2);
    const secrets = readSecrets(temp.dir, 4);
    meta.hdRootPubkeys.forEach((rootHex, r) => {
      const shares = [0, 2, 3].map((i) => ({
        id: secrets[i]!.ecdsaRootShares[r]!.id,
        value: BigInt('0x' + toHex(secrets[i]!.ecdsaRootShares[r]!.secretKey)),
      }));
      const secret = recoverScalar(shares, SECP256K1_ORDER);
      expect(toHex(secp256k1.Point.BASE.multiply(secret).toBytes(true))).toBe(rootHex);
    });
  });

  it('gives each node its own wallet, whose address is on the chain, and keeps secrets off it', () => {
    const { chain } = openNetwork({ dataDir: temp.dir, nodes: 3, threshold: 2, port: 7470 });
    const nodes = chain.nodes();
    const chainText = JSON.stringify(chain.db.prepare('SELECT * FROM nodes').all());
    chain.close();
    const secrets = readSecrets(temp.dir, 3);
    secrets.forEach((s, i) => {
      const address = addressFromPublicKey(secp256k1.getPublicKey(s.walletPrivateKey, false));
      expect(nodes[i]!.nodeAddress).toBe(address);
      expect(chainText).not.toContain(toHex(s.blsShare.secretKey));
      expect(chainText).not.toContain(toHex(s.walletPrivateKey));
    });
    expect(new Set(nodes.map((n) => n.nodeAddress)).size).toBe(3);
  });

  it('reopens an existing dir unchanged, moving only the ports; defaults come from the dir', () => {
    const first = openNetwork({ dataDir: temp.dir, nodes: 4, threshold: 3, port: 7470 });
    const genesis = first.chain.latestBlock();
    first.chain.close();
    const before = readSecrets(temp.dir, 4);
    const again = openNetwork({ dataDir: temp.dir, port: 9000 });
    expect(again.created).toBe(false);
    expect(again.meta).toEqual(first.meta);
    expect(again.chain.blockByNumber(0)).toEqual(genesis);
    expect(again.chain.nodes().map((n) => n.port)).toEqual([9000, 9001, 9002, 9003]);
    again.chain.close();
    expect(readSecrets(temp.dir, 4)).toEqual(before);
  });

  it('refuses a different --nodes or --threshold on an existing dir with one line', () => {
    openNetwork({ dataDir: temp.dir, nodes: 3, threshold: 2, port: 7470 }).chain.close();
    for (const options of [{ nodes: 4 }, { threshold: 3 }]) {
      let error: unknown;
      try {
        openNetwork({ dataDir: temp.dir, port: 7470, ...options });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DevnetError);
      expect((error as Error).message).toBe(
        `data dir ${temp.dir} holds a network of 3 nodes with threshold 2; ` +
          'start it with those values or use another --data-dir',
      );
    }
  });

  it('reports a half-made dir instead of dealing over it', () => {
    writeFileSync(join(temp.dir, 'node-0.sqlite'), '');
    expect(() => openNetwork({ dataDir: temp.dir, port: 7470 })).toThrow(
      /has node-0.sqlite but no chain.sqlite/,
    );
  });

  it('reports a missing node file on reopen', async () => {
    openNetwork({ dataDir: temp.dir, nodes: 2, threshold: 2, port: 7470 }).chain.close();
    const { rmSync } = await import('node:fs');
    rmSync(nodeDbPath(temp.dir, 1));
    expect(() => openNetwork({ dataDir: temp.dir, port: 7470 })).toThrow(/missing node-1.sqlite/);
  });

  it("writes only chain.sqlite, one file per node and the dealer's", () => {
    openNetwork({ dataDir: temp.dir, nodes: 2, threshold: 2, port: 7470 }).chain.close();
    const files = readdirSync(temp.dir).filter((f) => f.endsWith('.sqlite'));
    expect(files.sort()).toEqual([
      'chain.sqlite',
      'dealer.sqlite',
      'node-0.sqlite',
      'node-1.sqlite',
    ]);
    expect(existsSync(join(temp.dir, 'node-2.sqlite'))).toBe(false);
    expect(fromHex(readSecrets(temp.dir, 2)[1]!.networkId).length).toBe(32);
  });

  it('keeps the root keys and a presignature seed for the online dealer only (mode 0600)', () => {
    const first = openNetwork({ dataDir: temp.dir, nodes: 3, threshold: 2, port: 7470 });
    first.chain.close();
    expect(statSync(dealerDbPath(temp.dir)).mode & 0o777).toBe(0o600);
    expect(first.dealer.presignSeed).toHaveLength(32);
    expect(first.dealer.rootSecretKeys.map((k) => toHex(secp256k1.getPublicKey(k, true)))).toEqual(
      first.meta.hdRootPubkeys,
    );
    // Each node's root shares are shares of exactly these keys.
    const nodes = readSecrets(temp.dir, 3);
    first.dealer.rootSecretKeys.forEach((key, r) => {
      const shares = nodes.slice(0, 2).map((n) => ({
        id: n.ecdsaRootShares[r]!.id,
        value: BigInt('0x' + toHex(n.ecdsaRootShares[r]!.secretKey)),
      }));
      expect(recoverScalar(shares, SECP256K1_ORDER)).toBe(BigInt('0x' + toHex(key)));
    });
    const again = openNetwork({ dataDir: temp.dir, port: 7470 });
    again.chain.close();
    expect(again.dealer).toEqual(first.dealer);
    rmSync(dealerDbPath(temp.dir));
    expect(() => openNetwork({ dataDir: temp.dir, port: 7470 })).toThrow(/has no dealer.sqlite/);
  });
});
