// Read-only view of chain.sqlite: what nodes (in this process or their own) look up per request.
import { systemClock, unixSeconds, type Clock } from '../clock';
import type {
  AuthMethodPermission,
  BlockRecord,
  CapacityCredit,
  NetworkMeta,
  NodeRecord,
  PkpPermissions,
  PkpRecord,
} from './chain-types';
import { openDatabase, type SqliteDatabase, statementCache } from './sqlite';

/** Nodes accept a block hash as a SIWE nonce for this long (wire doc §8 step 6). */
export const BLOCK_HASH_VALIDITY_SECONDS = 30 * 24 * 60 * 60;

const BLOCK_HASH_RE = /^0x[0-9a-fA-F]{64}$/;
const TOKEN_ID_RE = /^(?:0x)?([0-9a-fA-F]{64})$/;
const DECIMAL_RE = /^[0-9]{1,78}$/;

interface NetworkRow {
  network_id: string;
  chain_id: number;
  node_count: number;
  threshold: number;
  epoch_number: number;
  epoch_length: number;
  epoch_end_time: number;
  epoch_retries: number;
  epoch_timeout: number;
  bls_public_key: string;
  created_at: number;
}
interface NodeRow {
  node_index: number;
  host: string;
  port: number;
  node_address: string;
  bls_share_id: number;
  bls_public_share: string;
}
interface BlockRow {
  number: number;
  hash: string;
  parent_hash: string;
  timestamp: number;
}
interface PkpRow {
  token_id: string;
  public_key: string;
  eth_address: string;
  key_id: string;
  owner: string | null;
  minted_at: number;
}
interface CreditRow {
  token_id: number;
  owner: string;
  requests_per_kilosecond: number;
  expires_at: number;
  minted_at: number;
}

const toBlock = (r: BlockRow): BlockRecord => ({
  number: r.number,
  hash: r.hash,
  parentHash: r.parent_hash,
  timestamp: r.timestamp,
});

const toCredit = (r: CreditRow): CapacityCredit => ({
  tokenId: String(r.token_id),
  owner: r.owner,
  requestsPerKilosecond: r.requests_per_kilosecond,
  expiresAt: r.expires_at,
  mintedAt: r.minted_at,
});

/** A PKP token id as stored: 64 lowercase hex, no `0x`; `undefined` when malformed. */
export function normalizeTokenId(tokenId: string): string | undefined {
  const m = typeof tokenId === 'string' ? TOKEN_ID_RE.exec(tokenId) : null;
  return m ? m[1]!.toLowerCase() : undefined;
}

export class ChainReader {
  readonly db: SqliteDatabase;
  protected readonly prepared: ReturnType<typeof statementCache>;
  protected readonly clock: Clock;

  constructor(db: SqliteDatabase, clock: Clock = systemClock) {
    this.db = db;
    this.clock = clock;
    this.prepared = statementCache(db);
  }

  /** Opens an existing chain.sqlite for reading (a node process, or a node in-process). */
  static open(path: string, clock: Clock = systemClock): ChainReader {
    return new ChainReader(openDatabase(path), clock);
  }

  /** The network meta written at genesis; `undefined` before genesis completed. */
  networkOrUndefined(): NetworkMeta | undefined {
    const row = this.prepared('SELECT * FROM network WHERE id = 1').get() as NetworkRow | undefined;
    if (!row) return undefined;
    const roots = this.prepared('SELECT public_key FROM hd_roots ORDER BY root_index').all() as {
      public_key: string;
    }[];
    return {
      networkId: row.network_id,
      chainId: row.chain_id,
      nodeCount: row.node_count,
      threshold: row.threshold,
      epoch: {
        number: row.epoch_number,
        epochLength: row.epoch_length,
        endTime: row.epoch_end_time,
        retries: row.epoch_retries,
        timeout: row.epoch_timeout,
      },
      networkPublicKey: row.bls_public_key,
      hdRootPubkeys: roots.map((r) => r.public_key),
      createdAt: row.created_at,
    };
  }

  network(): NetworkMeta {
    const meta = this.networkOrUndefined();
    if (!meta) throw new Error('chain.sqlite has no network: genesis did not complete');
    return meta;
  }

  /** Validators in index order. */
  nodes(): NodeRecord[] {
    const rows = this.prepared('SELECT * FROM nodes ORDER BY node_index').all() as NodeRow[];
    return rows.map((r) => ({
      index: r.node_index,
      host: r.host,
      port: r.port,
      url: `http://${r.host}:${r.port}`,
      nodeAddress: r.node_address,
      blsShareId: r.bls_share_id,
      blsPublicShare: r.bls_public_share,
    }));
  }

  latestBlock(): BlockRecord {
    const row = this.prepared('SELECT * FROM blocks ORDER BY number DESC LIMIT 1').get() as
      BlockRow | undefined;
    if (!row) throw new Error('chain.sqlite has no blocks: genesis did not complete');
    return toBlock(row);
  }

  blockByNumber(number: number): BlockRecord | null {
    const row = this.prepared('SELECT * FROM blocks WHERE number = ?').get(number) as
      BlockRow | undefined;
    return row ? toBlock(row) : null;
  }

  blockByHash(hash: string): BlockRecord | null {
    if (typeof hash !== 'string' || !BLOCK_HASH_RE.test(hash)) return null;
    const row = this.prepared('SELECT * FROM blocks WHERE hash = ?').get(hash.toLowerCase()) as
      BlockRow | undefined;
    return row ? toBlock(row) : null;
  }

  /**
   * The timestamp (Unix seconds) of the block this chain issued with `hash`, or null when it never
   * issued it or issued it more than 30 days ago: what nodes accept as a SIWE nonce.
   */
  isIssuedBlockHash(hash: string): number | null {
    const block = this.blockByHash(hash);
    if (!block) return null;
    return unixSeconds(this.clock) - block.timestamp <= BLOCK_HASH_VALIDITY_SECONDS
      ? block.timestamp
      : null;
  }

  /** A PKP by token id (64 hex, with or without `0x`), with its permissions. */
  pkp(tokenId: string): PkpRecord | null {
    const id = normalizeTokenId(tokenId);
    if (!id) return null;
    const row = this.prepared('SELECT * FROM pkps WHERE token_id = ?').get(id) as
      PkpRow | undefined;
    if (!row) return null;
    return {
      tokenId: row.token_id,
      publicKey: row.public_key,
      ethAddress: row.eth_address,
      keyId: row.key_id,
      owner: row.owner,
      mintedAt: row.minted_at,
      ...this.pkpPermissions(id),
    };
  }

  pkpPermissions(tokenId: string): PkpPermissions {
    const addresses = this.prepared(
      'SELECT address FROM pkp_permitted_addresses WHERE token_id = ? ORDER BY address',
    ).all(tokenId) as { address: string }[];
    const methods = this.prepared(
      `SELECT auth_method_type, auth_method_id, scopes FROM pkp_permitted_auth_methods
         WHERE token_id = ? ORDER BY auth_method_type, auth_method_id`,
    ).all(tokenId) as { auth_method_type: number; auth_method_id: string; scopes: string }[];
    const actions = this.prepared(
      'SELECT ipfs_cid FROM pkp_permitted_actions WHERE token_id = ? ORDER BY ipfs_cid',
    ).all(tokenId) as { ipfs_cid: string }[];
    return {
      permittedAddresses: addresses.map((r) => r.address),
      permittedAuthMethods: methods.map((r): AuthMethodPermission => ({
        authMethodType: r.auth_method_type,
        authMethodId: r.auth_method_id,
        scopes: JSON.parse(r.scopes) as number[],
      })),
      permittedActions: actions.map((r) => r.ipfs_cid),
    };
  }

  /** A capacity credit by its decimal token id. */
  capacityCredit(tokenId: string | number | bigint): CapacityCredit | null {
    const text = String(tokenId);
    if (!DECIMAL_RE.test(text) || BigInt(text) > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    const row = this.prepared('SELECT * FROM capacity_credits WHERE token_id = ?').get(
      Number(text),
    ) as CreditRow | undefined;
    return row ? toCredit(row) : null;
  }

  /** Credits owned by `owner` (any case), oldest first. */
  capacityCreditsOwnedBy(owner: string): CapacityCredit[] {
    const rows = this.prepared(
      'SELECT * FROM capacity_credits WHERE lower(owner) = lower(?) ORDER BY token_id',
    ).all(owner) as CreditRow[];
    return rows.map(toCredit);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
