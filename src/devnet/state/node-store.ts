// One node's private database (node-<i>.sqlite): its BLS share, ECDSA root shares and wallet key,
// which no other node reads, plus the replay, action-code and revocation records it keeps.
import { writeFileSync } from 'node:fs';
import { fromHex, toHex } from '../../protocol/bytes';
import { DevnetError } from '../errors';
import { NODE_MIGRATIONS } from './node-schema';
import { migrate, openDatabase, type SqliteDatabase, statementCache } from './sqlite';

export interface NodeSecrets {
  /** Hex of the 32-byte network id this node was dealt in. */
  networkId: string;
  /** 0-based. */
  index: number;
  blsShare: { id: number; secretKey: Uint8Array };
  /** This node's share of each ECDSA root key, in root order; `id` is the Shamir x. */
  ecdsaRootShares: { id: number; secretKey: Uint8Array }[];
  /** The node wallet's secp256k1 private key. */
  walletPrivateKey: Uint8Array;
}

export interface SessionKeyRevocation {
  sessionKey: string;
  /** Milliseconds, as the revoker stated it. */
  revokedAt: number;
  /** Who signed the revocation: the session key or the capability's wallet. */
  revokedBy: string;
  /** Milliseconds, when this node stored it. */
  recordedAt: number;
}

export class NodeStore {
  readonly db: SqliteDatabase;
  protected readonly prepared: ReturnType<typeof statementCache>;
  readonly path: string;

  private constructor(db: SqliteDatabase, path: string) {
    this.db = db;
    this.path = path;
    this.prepared = statementCache(db);
  }

  /** Genesis: creates the file (owner-only permissions) with this node's secrets. */
  static create(path: string, secrets: NodeSecrets, createdAt: number): NodeStore {
    // Owner-only from the first byte; SQLite gives the -wal and -shm files the same mode.
    writeFileSync(path, '', { mode: 0o600, flag: 'wx' });
    const db = openDatabase(path);
    try {
      migrate(db, NODE_MIGRATIONS, path);
      db.transaction(() => {
        db.prepare(
          `INSERT INTO node_identity (id, network_id, node_index, bls_share_id, bls_secret_share,
             wallet_private_key, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)`,
        ).run(
          secrets.networkId,
          secrets.index,
          secrets.blsShare.id,
          toHex(secrets.blsShare.secretKey),
          toHex(secrets.walletPrivateKey),
          createdAt,
        );
        const share = db.prepare(
          'INSERT INTO ecdsa_root_shares (root_index, share_id, secret_share) VALUES (?, ?, ?)',
        );
        secrets.ecdsaRootShares.forEach((s, i) => share.run(i, s.id, toHex(s.secretKey)));
      })();
    } catch (error) {
      db.close();
      throw error;
    }
    return new NodeStore(db, path);
  }

  /** Opens an existing node file and brings its schema up to date. */
  static open(path: string): NodeStore {
    const db = openDatabase(path);
    try {
      migrate(db, NODE_MIGRATIONS, path);
    } catch (error) {
      db.close();
      throw error;
    }
    return new NodeStore(db, path);
  }

  secrets(): NodeSecrets {
    const row = this.prepared('SELECT * FROM node_identity WHERE id = 1').get() as
      | {
          network_id: string;
          node_index: number;
          bls_share_id: number;
          bls_secret_share: string;
          wallet_private_key: string;
        }
      | undefined;
    if (!row) throw new DevnetError(`${this.path} holds no node identity`);
    const shares = this.prepared(
      'SELECT share_id, secret_share FROM ecdsa_root_shares ORDER BY root_index',
    ).all() as { share_id: number; secret_share: string }[];
    return {
      networkId: row.network_id,
      index: row.node_index,
      blsShare: { id: row.bls_share_id, secretKey: fromHex(row.bls_secret_share, 32) },
      ecdsaRootShares: shares.map((s) => ({
        id: s.share_id,
        secretKey: fromHex(s.secret_share, 32),
      })),
      walletPrivateKey: fromHex(row.wallet_private_key, 32),
    };
  }

  /** Stores a revocation; false when the key was already revoked (the first record stays). */
  revokeSessionKey(revocation: SessionKeyRevocation): boolean {
    const result = this.prepared(
      `INSERT OR IGNORE INTO revoked_session_keys (session_key, revoked_at, revoked_by, recorded_at)
         VALUES (?, ?, ?, ?)`,
    ).run(revocation.sessionKey, revocation.revokedAt, revocation.revokedBy, revocation.recordedAt);
    return result.changes === 1;
  }

  sessionKeyRevocation(sessionKey: string): SessionKeyRevocation | null {
    const row = this.prepared('SELECT * FROM revoked_session_keys WHERE session_key = ?').get(
      sessionKey,
    ) as
      | { session_key: string; revoked_at: number; revoked_by: string; recorded_at: number }
      | undefined;
    return row
      ? {
          sessionKey: row.session_key,
          revokedAt: row.revoked_at,
          revokedBy: row.revoked_by,
          recordedAt: row.recorded_at,
        }
      : null;
  }

  /**
   * Records that the auth methods with these signature keys authorized `sessionKey`, all or none
   * in one transaction: false, with nothing recorded, when any of them already authorized a
   * different session key (a replay), so a refused request uses up none of its auth methods.
   */
  claimAuthMethods(
    signatureHashes: readonly string[],
    sessionKey: string,
    claimedAtMs: number,
  ): boolean {
    const claim = this.db.transaction((): boolean => {
      const owner = this.prepared(
        'SELECT session_key FROM auth_method_claims WHERE signature_hash = ?',
      );
      for (const hash of signatureHashes) {
        const row = owner.get(hash) as { session_key: string } | undefined;
        if (row && row.session_key !== sessionKey) return false;
      }
      const insert = this.prepared(
        `INSERT OR IGNORE INTO auth_method_claims (signature_hash, session_key, claimed_at)
           VALUES (?, ?, ?)`,
      );
      for (const hash of signatureHashes) insert.run(hash, sessionKey, claimedAtMs);
      return true;
    });
    // IMMEDIATE: the check and the writes hold the write lock together.
    return claim.immediate();
  }

  /** The code of a Lit Action this node has seen, by CID (the devnet's IPFS stand-in). */
  actionCode(cid: string): string | null {
    const row = this.prepared('SELECT code FROM action_code WHERE cid = ?').get(cid) as
      { code: string } | undefined;
    return row?.code ?? null;
  }

  rememberActionCode(cid: string, code: string): void {
    this.prepared('INSERT OR IGNORE INTO action_code (cid, code) VALUES (?, ?)').run(cid, code);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
