// dealer.sqlite: what the devnet's online dealer keeps after genesis, and nothing else: the
// secp256k1 root secret keys and the seed its presignatures are derived from. Only the devnet's
// parent process (the one that also runs the chain) opens it; no node ever does.
import { writeFileSync } from 'node:fs';
import { fromHex, toHex } from '../../protocol/bytes';
import { DevnetError } from '../errors';
import { migrate, openDatabase, type Migration, type SqliteDatabase } from './sqlite';

export const DEALER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'dealer identity, secp256k1 root secret keys, presignature seed',
    up(db) {
      db.exec(`
        CREATE TABLE dealer_identity (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          network_id TEXT NOT NULL,
          presign_seed TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE ecdsa_root_keys (
          root_index INTEGER PRIMARY KEY,
          secret_key TEXT NOT NULL
        );
      `);
    },
  },
];

export interface DealerSecrets {
  /** Hex of the 32-byte network id: ties the file to its chain.sqlite. */
  networkId: string;
  /** The secp256k1 root secret keys, 32 bytes each, in derivation order. */
  rootSecretKeys: Uint8Array[];
  /** 32 random bytes every presignature is derived from. */
  presignSeed: Uint8Array;
}

export class DealerStore {
  private constructor(
    readonly db: SqliteDatabase,
    readonly path: string,
  ) {}

  /** Genesis: creates the file (owner-only from the first byte) with the dealer's secrets. */
  static create(path: string, secrets: DealerSecrets, createdAt: number): DealerStore {
    writeFileSync(path, '', { mode: 0o600, flag: 'wx' });
    const db = openDatabase(path);
    try {
      migrate(db, DEALER_MIGRATIONS, path);
      db.transaction(() => {
        db.prepare(
          `INSERT INTO dealer_identity (id, network_id, presign_seed, created_at)
           VALUES (1, ?, ?, ?)`,
        ).run(secrets.networkId, toHex(secrets.presignSeed), createdAt);
        const root = db.prepare(
          'INSERT INTO ecdsa_root_keys (root_index, secret_key) VALUES (?, ?)',
        );
        secrets.rootSecretKeys.forEach((key, i) => root.run(i, toHex(key)));
      })();
    } catch (error) {
      db.close();
      throw error;
    }
    return new DealerStore(db, path);
  }

  static open(path: string): DealerStore {
    const db = openDatabase(path);
    try {
      migrate(db, DEALER_MIGRATIONS, path);
    } catch (error) {
      db.close();
      throw error;
    }
    return new DealerStore(db, path);
  }

  secrets(): DealerSecrets {
    const row = this.db.prepare('SELECT * FROM dealer_identity WHERE id = 1').get() as
      { network_id: string; presign_seed: string } | undefined;
    if (!row) throw new DevnetError(`${this.path} holds no dealer identity`);
    const roots = this.db
      .prepare('SELECT secret_key FROM ecdsa_root_keys ORDER BY root_index')
      .all() as { secret_key: string }[];
    return {
      networkId: row.network_id,
      rootSecretKeys: roots.map((r) => fromHex(r.secret_key, 32)),
      presignSeed: fromHex(row.presign_seed, 32),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
