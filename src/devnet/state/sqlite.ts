// Opening the devnet's SQLite files the same way everywhere (WAL, busy timeout, foreign keys) and
// applying numbered schema migrations, each in its own transaction.
import Database from 'better-sqlite3';
import { DevnetError } from '../errors';

export type SqliteDatabase = Database.Database;

/**
 * Prepares each SQL text once per database: compiling a statement costs more than running it,
 * and nodes run the same few lookups on every request.
 */
export function statementCache(db: SqliteDatabase): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}

/** One schema step; `version`s are 1, 2, 3… and never reused. */
export interface Migration {
  version: number;
  description: string;
  up(db: SqliteDatabase): void;
}

export interface OpenOptions {
  /** Create the file when missing (genesis); otherwise a missing file is an error. */
  create?: boolean;
}

/** Opens a devnet database in WAL mode, so node processes read the chain while it writes. */
export function openDatabase(path: string, options: OpenOptions = {}): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch (error) {
    throw new DevnetError(`cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    // Node processes read while the chain writes a block: wait for the lock instead of failing.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw new DevnetError(`${path} is not a usable SQLite database: ${(error as Error).message}`);
  }
  return db;
}

/** The highest migration applied to `db`, 0 for a fresh file. */
export function schemaVersion(db: SqliteDatabase): number {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}

/**
 * Brings `db` up to the last of `migrations`. Refuses a file written by a newer devnet rather than
 * guessing at its tables.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], what: string): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`${what}: migrations must be numbered 1, 2, 3…`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const current = schemaVersion(db);
  const latest = sorted.length;
  if (current > latest) {
    throw new DevnetError(
      `${what} has schema version ${current}, newer than this devnet understands (${latest})`,
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)',
  );
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      m.up(db);
      record.run(m.version, m.description, Math.floor(Date.now() / 1000));
    })();
  }
}
