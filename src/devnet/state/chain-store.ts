// The chain stand-in's writer over chain.sqlite: genesis, blocks, PKPs, permissions and credits.
// Every write is one transaction, so a reader never sees half a record.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, fromHex, toHex } from '../../protocol/bytes';
import { systemClock, unixSeconds, type Clock } from '../clock';
import { CHAIN_MIGRATIONS } from './chain-schema';
import { ChainReader, normalizeTokenId } from './chain-reader';
import type {
  AuthMethodPermission,
  BlockRecord,
  CapacityCredit,
  NetworkMeta,
  NodeRecord,
  PkpPermissions,
  PkpRecord,
} from './chain-types';
import { migrate, openDatabase } from './sqlite';

export interface GenesisRecord {
  meta: NetworkMeta;
  nodes: Omit<NodeRecord, 'url'>[];
}

export interface NewPkp extends PkpPermissions {
  tokenId: string;
  publicKey: string;
  ethAddress: string;
  keyId: string;
  owner: string | null;
}

export interface PermissionChange {
  add?: Partial<PkpPermissions>;
  remove?: {
    permittedAddresses?: string[];
    permittedAuthMethods?: Pick<AuthMethodPermission, 'authMethodType' | 'authMethodId'>[];
    permittedActions?: string[];
  };
}

function uint256(n: number): Uint8Array {
  return fromHex(BigInt(n).toString(16).padStart(64, '0'));
}

/** keccak256(parent hash ‖ uint256 number ‖ uint256 timestamp), `0x` hex. */
export function blockHash(parentHash: string, number: number, timestamp: number): string {
  const parent = fromHex(parentHash, 32, 'parentHash');
  return '0x' + toHex(keccak_256(concatBytes(parent, uint256(number), uint256(timestamp))));
}

export class ChainStore extends ChainReader {
  /** Opens (creating when `create`) chain.sqlite and brings its schema up to date. */
  static openStore(path: string, options: { create?: boolean; clock?: Clock } = {}): ChainStore {
    const db = openDatabase(path, { create: options.create ?? false });
    try {
      migrate(db, CHAIN_MIGRATIONS, path);
    } catch (error) {
      db.close();
      throw error;
    }
    return new ChainStore(db, options.clock ?? systemClock);
  }

  /** Writes the network, its validators, HD roots and block 0 in one transaction. */
  writeGenesis({ meta, nodes }: GenesisRecord): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO network (id, network_id, chain_id, node_count, threshold, epoch_number,
             epoch_length, epoch_end_time, epoch_retries, epoch_timeout, bls_public_key, created_at)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          meta.networkId,
          meta.chainId,
          meta.nodeCount,
          meta.threshold,
          meta.epoch.number,
          meta.epoch.epochLength,
          meta.epoch.endTime,
          meta.epoch.retries,
          meta.epoch.timeout,
          meta.networkPublicKey,
          meta.createdAt,
        );
      const node = this.db.prepare(
        `INSERT INTO nodes (node_index, host, port, node_address, bls_share_id, bls_public_share)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const n of nodes) {
        node.run(n.index, n.host, n.port, n.nodeAddress, n.blsShareId, n.blsPublicShare);
      }
      const root = this.db.prepare('INSERT INTO hd_roots (root_index, public_key) VALUES (?, ?)');
      meta.hdRootPubkeys.forEach((pk, i) => root.run(i, pk));
      // Block 0's parent is the network id, so two devnets never share a block hash.
      const hash = blockHash(meta.networkId, 0, meta.createdAt);
      this.db
        .prepare('INSERT INTO blocks (number, hash, parent_hash, timestamp) VALUES (0, ?, ?, ?)')
        .run(hash, '0x' + meta.networkId, meta.createdAt);
    })();
  }

  /** Moves validators to new host/ports (a restart with another --port); keys stay. */
  setNodeEndpoints(endpoints: { index: number; host: string; port: number }[]): void {
    const update = this.db.prepare('UPDATE nodes SET host = ?, port = ? WHERE node_index = ?');
    this.db.transaction(() => {
      for (const e of endpoints) update.run(e.host, e.port, e.index);
    })();
  }

  /** Issues the next block, timestamped now (never before its parent). */
  appendBlock(): BlockRecord {
    return this.db.transaction(() => {
      const parent = this.latestBlock();
      const number = parent.number + 1;
      const timestamp = Math.max(unixSeconds(this.clock), parent.timestamp);
      const hash = blockHash(parent.hash, number, timestamp);
      this.db
        .prepare('INSERT INTO blocks (number, hash, parent_hash, timestamp) VALUES (?, ?, ?, ?)')
        .run(number, hash, parent.hash, timestamp);
      return { number, hash, parentHash: parent.hash, timestamp };
    })();
  }

  insertPkp(pkp: NewPkp): PkpRecord {
    const mintedAt = unixSeconds(this.clock);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO pkps (token_id, public_key, eth_address, key_id, owner, minted_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(pkp.tokenId, pkp.publicKey, pkp.ethAddress, pkp.keyId, pkp.owner, mintedAt);
      this.addPermissions(pkp.tokenId, pkp);
    })();
    return this.pkp(pkp.tokenId)!;
  }

  /** Applies removals, then additions; null when no such PKP. */
  updatePkpPermissions(tokenId: string, change: PermissionChange): PkpPermissions | null {
    const id = normalizeTokenId(tokenId);
    if (!id) return null;
    return this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM pkps WHERE token_id = ?').get(id)) return null;
      const r = change.remove ?? {};
      const delAddress = this.db.prepare(
        'DELETE FROM pkp_permitted_addresses WHERE token_id = ? AND address = ?',
      );
      const delMethod = this.db.prepare(
        `DELETE FROM pkp_permitted_auth_methods
         WHERE token_id = ? AND auth_method_type = ? AND auth_method_id = ?`,
      );
      const delAction = this.db.prepare(
        'DELETE FROM pkp_permitted_actions WHERE token_id = ? AND ipfs_cid = ?',
      );
      for (const a of r.permittedAddresses ?? []) delAddress.run(id, a);
      for (const m of r.permittedAuthMethods ?? [])
        delMethod.run(id, m.authMethodType, m.authMethodId);
      for (const c of r.permittedActions ?? []) delAction.run(id, c);
      this.addPermissions(id, change.add ?? {});
      return this.pkpPermissions(id);
    })();
  }

  insertCapacityCredit(credit: Omit<CapacityCredit, 'tokenId' | 'mintedAt'>): CapacityCredit {
    const result = this.db
      .prepare(
        `INSERT INTO capacity_credits (owner, requests_per_kilosecond, expires_at, minted_at)
         VALUES (?, ?, ?, ?)`,
      )
      .run(credit.owner, credit.requestsPerKilosecond, credit.expiresAt, unixSeconds(this.clock));
    return this.capacityCredit(Number(result.lastInsertRowid))!;
  }

  /** Adds permissions; an auth method already permitted gains the new scopes (as Lit's contract). */
  private addPermissions(tokenId: string, add: Partial<PkpPermissions>): void {
    const address = this.db.prepare(
      'INSERT OR IGNORE INTO pkp_permitted_addresses (token_id, address) VALUES (?, ?)',
    );
    const action = this.db.prepare(
      'INSERT OR IGNORE INTO pkp_permitted_actions (token_id, ipfs_cid) VALUES (?, ?)',
    );
    const existing = this.db.prepare(
      `SELECT scopes FROM pkp_permitted_auth_methods
       WHERE token_id = ? AND auth_method_type = ? AND auth_method_id = ?`,
    );
    const upsert = this.db.prepare(
      `INSERT OR REPLACE INTO pkp_permitted_auth_methods
         (token_id, auth_method_type, auth_method_id, scopes) VALUES (?, ?, ?, ?)`,
    );
    for (const a of add.permittedAddresses ?? []) address.run(tokenId, a);
    for (const c of add.permittedActions ?? []) action.run(tokenId, c);
    for (const m of add.permittedAuthMethods ?? []) {
      const row = existing.get(tokenId, m.authMethodType, m.authMethodId) as
        { scopes: string } | undefined;
      const before = row ? (JSON.parse(row.scopes) as number[]) : [];
      const scopes = [...new Set([...before, ...m.scopes])].sort((x, y) => x - y);
      upsert.run(tokenId, m.authMethodType, m.authMethodId, JSON.stringify(scopes));
    }
  }
}
