/**
 * Node's built-in SQLite (`node:sqlite`, in Node 24 and in Electron 41's
 * runtime), so the world database needs no native module: one build runs
 * under the CLI's Node, the web studio and the desktop app alike.
 *
 * Node 24.14, the release Electron 41 bundles, prints "ExperimentalWarning:
 * SQLite is an experimental feature" the first time the module loads (24.22
 * no longer does). Users can do nothing about it, so that one warning is kept
 * from the console while the module loads. Every other warning passes.
 */
import type * as NodeSqlite from 'node:sqlite';

export type Database = NodeSqlite.DatabaseSync;
export type Statement = NodeSqlite.StatementSync;

let loaded: typeof NodeSqlite | undefined;

/** The `node:sqlite` module, loaded once, without its experimental-feature warning. */
export function nodeSqlite(): typeof NodeSqlite {
  if (loaded) return loaded;
  loaded = withoutSqliteWarning(() => process.getBuiltinModule('node:sqlite'));
  return loaded;
}

/** Opens (or creates) the database file at `file`. */
export function openDatabase(file: string): Database {
  return new (nodeSqlite().DatabaseSync)(file);
}

/** Runs `load` with the SQLite experimental warning filtered out of `process.emitWarning`. */
export function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = function filtered(this: unknown, warning: string | Error, ...rest: unknown[]): void {
    if (isSqliteExperimentalWarning(warning, rest[0])) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}

function isSqliteExperimentalWarning(warning: string | Error, typeOrOptions: unknown): boolean {
  const message = typeof warning === 'string' ? warning : warning.message;
  const type =
    typeof warning !== 'string' ? warning.name
    : typeof typeOrOptions === 'string' ? typeOrOptions
    : (typeOrOptions as { type?: unknown } | undefined)?.type;
  return type === 'ExperimentalWarning' && /^SQLite is an experimental feature/.test(message);
}

/**
 * Runs `work` in one transaction: `BEGIN IMMEDIATE` takes the write lock up
 * front, so a reader elsewhere cannot make the commit fail half-way; any
 * throw rolls the whole of it back.
 */
export function inTransaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** A pragma's current value (`PRAGMA name`), or undefined when it has none. */
export function readPragma(db: Database, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown> | undefined;
  return row === undefined ? undefined : Object.values(row)[0];
}

// SQLite's extended result codes for the two uniqueness violations.
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

/** Whether `err` is SQLite refusing a duplicate value in `column` ('table.column'). */
export function isUniqueViolation(err: unknown, column: string): boolean {
  const e = err as { errcode?: unknown; message?: unknown } | null;
  return (e?.errcode === SQLITE_CONSTRAINT_UNIQUE || e?.errcode === SQLITE_CONSTRAINT_PRIMARYKEY) && typeof e.message === 'string' && e.message.includes(column);
}
