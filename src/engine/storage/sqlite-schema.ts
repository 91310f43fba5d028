/**
 * The SQLite database's own schema and its history: each step brings the
 * file forward one version, in its own transaction; the version lives in
 * `meta.schema_version`.
 */
import { errorMessage } from '../core/errors';
import { inTransaction, type Database as Db } from './node-sqlite';
import { StorageError } from './types';

/** One forward step of the database schema, applied in its own transaction. */
export interface SchemaMigration {
  version: number;
  description: string;
  up(db: Db): void;
}

/** The schema's history. Append only: a released step never changes. */
export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    description: 'entities and their components',
    up(db) {
      db.exec(`
        CREATE TABLE entities (
          id  TEXT PRIMARY KEY,
          key TEXT UNIQUE
        );
        CREATE TABLE components (
          entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
          name      TEXT NOT NULL,
          version   INTEGER NOT NULL,
          data      TEXT NOT NULL,
          PRIMARY KEY (entity_id, name)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    description: 'accounts and characters',
    up(db) {
      db.exec(`
        CREATE TABLE accounts (
          id            TEXT PRIMARY KEY,
          name          TEXT NOT NULL,
          name_key      TEXT NOT NULL UNIQUE,
          password_hash TEXT NOT NULL,
          created_at    INTEGER NOT NULL,
          last_login_at INTEGER,
          failed_logins INTEGER NOT NULL DEFAULT 0,
          locked_until  INTEGER
        );
        CREATE TABLE characters (
          id         TEXT PRIMARY KEY,
          account_id TEXT NOT NULL REFERENCES accounts(id),
          name       TEXT NOT NULL,
          name_key   TEXT NOT NULL UNIQUE,
          entity_id  TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX characters_by_account ON characters(account_id, created_at);
      `);
    },
  },
  {
    version: 3,
    description: "accounts' roles",
    up(db) {
      // Space-separated role names ('builder'); '' for a player: old accounts stay players.
      db.exec("ALTER TABLE accounts ADD COLUMN roles TEXT NOT NULL DEFAULT ''");
    },
  },
];

/** The version the newest step of `migrations` brings a database to. */
export function latestSchemaVersion(migrations: readonly SchemaMigration[] = SCHEMA_MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Brings the database's schema to the newest version of `migrations`, one
 * transaction per step, and says from which version it started.
 */
export function migrateSchema(db: Db, migrations: readonly SchemaMigration[] = SCHEMA_MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new StorageError(`Schema migrations must be numbered 1, 2, 3... (step ${i + 1} says ${m.version})`);
  });
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const from = row === undefined ? 0 : Number(row.value);
  const latest = latestSchemaVersion(migrations);
  if (!Number.isInteger(from) || from < 0) throw new StorageError(`The database's schema_version is not a version number: ${JSON.stringify(row?.value)}`);
  if (from > latest) {
    throw new StorageError(`The database has schema version ${from}, newer than this build knows (${latest}): it was written by a newer MAID; upgrade MAID to open it`);
  }
  const setVersion = db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  for (const m of migrations.slice(from)) {
    try {
      inTransaction(db, () => {
        m.up(db);
        setVersion.run(String(m.version));
      });
    } catch (err) {
      throw new StorageError(`Schema migration to version ${m.version} (${m.description}) failed: ${errorMessage(err)}`, { cause: err });
    }
  }
  return { from, to: latest };
}
