/**
 * The default storage: one SQLite file, `<dataDir>/world.db`, through Node's
 * built-in `node:sqlite` (synchronous, in-process, no native module to build
 * for each runtime; a commit of a tick's changes takes about a millisecond, so
 * it runs inline at the end of the tick).
 *
 * Durability. The journal is in WAL mode. With `synchronous: 'NORMAL'` (the
 * default) a commit is appended to the WAL without waiting for the disk: a
 * crash of the process — even SIGKILL — loses nothing that `commit` returned
 * for, because the operating system still holds the written pages; a power
 * loss or kernel panic can lose the last transactions before the next
 * checkpoint (the database stays consistent either way). `synchronous: 'FULL'`
 * syncs the WAL on every commit: power-loss safe, at the cost of one fsync per
 * tick.
 *
 * The schema carries its version in `meta.schema_version` and is brought
 * forward by SCHEMA_MIGRATIONS on open; a database written by a newer build is
 * refused rather than guessed at.
 */
import { preparePrivateDatabase } from './private-files';
import { join } from 'node:path';
import { errorMessage } from '../core/errors';
import { inTransaction, isUniqueViolation, openDatabase, readPragma, type Database as Db, type Statement as Stmt } from './node-sqlite';
import { migrateSchema } from './sqlite-schema';
import { applyAccountPatch, checkAccount, normalRoles, checkChangeSet, checkCharacter, checkEntityRecord, checkMetaKey, checkMetaValue, commitError, serialiseComponent } from './common';
import { DuplicateNameError, LAST_TICK_META, nameKey, StorageError, type AccountRecord, type ChangeSet, type CharacterRecord, type EntityRecord, type LoadProblem, type LoadResult, type Storage } from './types';

export { latestSchemaVersion, migrateSchema, SCHEMA_MIGRATIONS, type SchemaMigration } from './sqlite-schema';

export interface SqliteStorageOptions {
  /** Directory of the database; created (mode 0700) when missing. */
  dataDir: string;
  /** File name inside dataDir. Default 'world.db'. */
  fileName?: string;
  /** 'NORMAL' (default): survives a process crash; 'FULL': also survives a power loss, one fsync per commit. */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a statement waits for a lock held by another connection (e.g. a backup). Default 5000 ms. */
  busyTimeoutMs?: number;
}

interface Statements {
  allEntities: Stmt;
  allComponents: Stmt;
  upsertEntity: Stmt;
  clearComponents: Stmt;
  insertComponent: Stmt;
  deleteEntity: Stmt;
  entityByKey: Stmt;
  getMeta: Stmt;
  setMeta: Stmt;
  accountByKey: Stmt;
  accountById: Stmt;
  insertAccount: Stmt;
  updateAccount: Stmt;
  characterByKey: Stmt;
  charactersOf: Stmt;
  insertCharacter: Stmt;
  accountExists: Stmt;
  countAccounts: Stmt;
}

// Type aliases, not interfaces: a statement's named parameters must be indexable by name.
type AccountRow = {
  id: string;
  name: string;
  name_key: string;
  password_hash: string;
  created_at: number;
  last_login_at: number | null;
  failed_logins: number;
  locked_until: number | null;
  roles: string;
};

interface CharacterRow {
  id: string;
  account_id: string;
  name: string;
  entity_id: string;
  created_at: number;
}

export class SqliteStorage implements Storage {
  /** Absolute or relative path of the database file. */
  readonly file: string;
  private readonly synchronous: 'NORMAL' | 'FULL';
  private readonly busyTimeoutMs: number;
  private db: Db | undefined;
  private stmts: Statements | undefined;
  private commitTx: ((changes: ChangeSet) => void) | undefined;

  constructor(private readonly options: SqliteStorageOptions) {
    if (typeof options?.dataDir !== 'string' || options.dataDir === '') throw new StorageError('SqliteStorage needs a dataDir');
    this.file = join(options.dataDir, options.fileName ?? 'world.db');
    this.synchronous = options.synchronous ?? 'NORMAL';
    if (this.synchronous !== 'NORMAL' && this.synchronous !== 'FULL') throw new StorageError(`synchronous must be 'NORMAL' or 'FULL' (got ${String(options.synchronous)})`);
    this.busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  }

  async open(): Promise<void> {
    if (this.db) return;
    let db: Db;
    try {
      preparePrivateDatabase(this.options.dataDir, this.file); // 0700 folder, 0600 files: they hold password hashes
      db = openDatabase(this.file);
    } catch (err) {
      throw new StorageError(`Cannot open the world database ${this.file}: ${errorMessage(err)}`, { cause: err });
    }
    try {
      // The busy timeout first: switching to WAL needs a lock another connection may hold.
      db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(this.busyTimeoutMs))}`);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec(`PRAGMA synchronous = ${this.synchronous}`);
      db.exec('PRAGMA foreign_keys = ON');
      migrateSchema(db);
      this.stmts = prepareStatements(db);
    } catch (err) {
      db.close();
      if (err instanceof StorageError) throw err;
      throw new StorageError(`Cannot open the world database ${this.file}: ${errorMessage(err)}`, { cause: err });
    }
    this.db = db;
    this.commitTx = this.buildCommit(db, this.stmts);
  }

  async close(): Promise<void> {
    const db = this.db;
    if (!db) return;
    this.db = undefined;
    this.stmts = undefined;
    this.commitTx = undefined;
    try {
      db.exec('PRAGMA optimize');
    } finally {
      // Closing the last connection checkpoints the WAL into the main file.
      db.close();
    }
  }

  /** The settings in force, for a start-up log line and diagnostics. */
  info(): { file: string; journalMode: string; synchronous: string; schemaVersion: number } {
    const db = this.openDb();
    const sync = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(readPragma(db, 'synchronous'))] ?? 'unknown';
    return {
      file: this.file,
      journalMode: String(readPragma(db, 'journal_mode')),
      synchronous: sync,
      schemaVersion: Number((this.statements().getMeta.get('schema_version') as { value: string } | undefined)?.value ?? 0),
    };
  }

  async loadEntities(): Promise<LoadResult> {
    const s = this.statements();
    const problems: LoadProblem[] = [];
    const byId = new Map<string, EntityRecord>();
    for (const row of s.allEntities.iterate() as IterableIterator<{ id: string; key: string | null }>) {
      byId.set(row.id, { id: row.id, ...(row.key !== null ? { key: row.key } : {}), components: {} });
    }
    for (const row of s.allComponents.iterate() as IterableIterator<{ entity_id: string; name: string; version: number; data: string }>) {
      const entity = byId.get(row.entity_id);
      if (entity === undefined) continue; // unreachable with foreign keys on; tolerate a file edited without them
      try {
        entity.components[row.name] = { version: row.version, data: JSON.parse(row.data) };
      } catch (err) {
        problems.push({ entityId: row.entity_id, component: row.name, message: `Entity ${row.entity_id}, component "${row.name}": stored data is not valid JSON, skipped (${errorMessage(err)})` });
      }
    }
    return { entities: [...byId.values()], problems };
  }

  async commit(changes: ChangeSet): Promise<void> {
    const tx = this.commitTx;
    if (!tx) throw notOpen();
    try {
      checkChangeSet(changes);
      tx(changes);
    } catch (err) {
      throw commitError(changes, err);
    }
  }

  async findAccount(name: string): Promise<AccountRecord | undefined> {
    const row = this.statements().accountByKey.get(nameKey(String(name))) as AccountRow | undefined;
    return row && accountFromRow(row);
  }

  async createAccount(account: AccountRecord): Promise<void> {
    const s = this.statements();
    checkAccount(account);
    try {
      s.insertAccount.run(accountToRow(account));
    } catch (err) {
      throw uniqueError(err, 'accounts.name_key', () => new DuplicateNameError('account', account.name), 'accounts.id', `An account with id ${account.id} already exists`);
    }
  }

  async countAccounts(): Promise<number> {
    return Number((this.statements().countAccounts.get() as { n: number }).n);
  }

  async updateAccount(id: string, patch: Partial<AccountRecord>): Promise<void> {
    const s = this.statements();
    const row = s.accountById.get(id) as AccountRow | undefined;
    if (row === undefined) throw new StorageError(`No account with id ${id}`);
    const next = applyAccountPatch(accountFromRow(row), patch);
    try {
      s.updateAccount.run(accountToRow(next));
    } catch (err) {
      throw uniqueError(err, 'accounts.name_key', () => new DuplicateNameError('account', next.name));
    }
  }

  async findCharacterByName(name: string): Promise<CharacterRecord | undefined> {
    const row = this.statements().characterByKey.get(nameKey(String(name))) as CharacterRow | undefined;
    return row && characterFromRow(row);
  }

  async listCharacters(accountId: string): Promise<CharacterRecord[]> {
    return (this.statements().charactersOf.all(accountId) as unknown as CharacterRow[]).map(characterFromRow);
  }

  async createCharacter(character: CharacterRecord): Promise<void> {
    const s = this.statements();
    checkCharacter(character);
    if (s.accountExists.get(character.accountId) === undefined) throw new StorageError(`Character ${character.name}: no account with id ${character.accountId}`);
    try {
      s.insertCharacter.run({
        id: character.id,
        account_id: character.accountId,
        name: character.name,
        name_key: nameKey(character.name),
        entity_id: character.entityId,
        created_at: character.createdAt,
      });
    } catch (err) {
      throw uniqueError(err, 'characters.name_key', () => new DuplicateNameError('character', character.name), 'characters.id', `A character with id ${character.id} already exists`);
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    const s = this.statements();
    checkMetaKey(key, false);
    return (s.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    const s = this.statements();
    checkMetaKey(key, true);
    checkMetaValue(key, value);
    s.setMeta.run(key, value);
  }

  private buildCommit(db: Db, s: Statements): (changes: ChangeSet) => void {
    const write = (changes: ChangeSet): void => {
      const deleted = new Set(changes.deletes);
      // Deletes first: a destroyed entity frees its key for a new one in the same tick.
      for (const id of deleted) s.deleteEntity.run(id);
      for (const record of changes.upserts) {
        checkEntityRecord(record);
        if (deleted.has(record.id)) {
          for (const [name, stored] of Object.entries(record.components)) serialiseComponent(record.id, name, stored);
          continue;
        }
        try {
          s.upsertEntity.run(record.id, record.key ?? null);
        } catch (err) {
          if (isUniqueViolation(err, 'entities.key')) {
            const owner = (s.entityByKey.get(record.key ?? null) as { id: string } | undefined)?.id;
            throw new StorageError(`Entity ${record.id}: key "${record.key}" is already used by entity ${owner ?? '(unknown)'}`, { cause: err });
          }
          throw err;
        }
        s.clearComponents.run(record.id);
        for (const [name, stored] of Object.entries(record.components)) {
          const { version, json } = serialiseComponent(record.id, name, stored);
          s.insertComponent.run(record.id, name, version, json);
        }
      }
      if (changes.tick !== undefined) s.setMeta.run(LAST_TICK_META, String(changes.tick));
    };
    return (changes) => inTransaction(db, () => write(changes));
  }

  private openDb(): Db {
    if (!this.db) throw notOpen();
    return this.db;
  }

  private statements(): Statements {
    if (!this.stmts) throw notOpen();
    return this.stmts;
  }
}

function prepareStatements(db: Db): Statements {
  return {
    allEntities: db.prepare('SELECT id, key FROM entities ORDER BY rowid'),
    allComponents: db.prepare('SELECT entity_id, name, version, data FROM components'),
    upsertEntity: db.prepare('INSERT INTO entities (id, key) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET key = excluded.key'),
    clearComponents: db.prepare('DELETE FROM components WHERE entity_id = ?'),
    insertComponent: db.prepare('INSERT INTO components (entity_id, name, version, data) VALUES (?, ?, ?, ?)'),
    deleteEntity: db.prepare('DELETE FROM entities WHERE id = ?'),
    entityByKey: db.prepare('SELECT id FROM entities WHERE key = ?'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    accountByKey: db.prepare('SELECT * FROM accounts WHERE name_key = ?'),
    accountById: db.prepare('SELECT * FROM accounts WHERE id = ?'),
    insertAccount: db.prepare(
      'INSERT INTO accounts (id, name, name_key, password_hash, created_at, last_login_at, failed_logins, locked_until, roles) VALUES (@id, @name, @name_key, @password_hash, @created_at, @last_login_at, @failed_logins, @locked_until, @roles)',
    ),
    updateAccount: db.prepare(
      'UPDATE accounts SET name = @name, name_key = @name_key, password_hash = @password_hash, created_at = @created_at, last_login_at = @last_login_at, failed_logins = @failed_logins, locked_until = @locked_until, roles = @roles WHERE id = @id',
    ),
    characterByKey: db.prepare('SELECT id, account_id, name, entity_id, created_at FROM characters WHERE name_key = ?'),
    charactersOf: db.prepare('SELECT id, account_id, name, entity_id, created_at FROM characters WHERE account_id = ? ORDER BY created_at, rowid'),
    insertCharacter: db.prepare('INSERT INTO characters (id, account_id, name, name_key, entity_id, created_at) VALUES (@id, @account_id, @name, @name_key, @entity_id, @created_at)'),
    accountExists: db.prepare('SELECT 1 FROM accounts WHERE id = ?'),
    countAccounts: db.prepare('SELECT COUNT(*) AS n FROM accounts'),
  };
}

function accountToRow(a: AccountRecord): AccountRow {
  return {
    id: a.id,
    name: a.name,
    name_key: a.nameKey,
    password_hash: a.passwordHash,
    created_at: a.createdAt,
    last_login_at: a.lastLoginAt ?? null,
    failed_logins: a.failedLogins,
    locked_until: a.lockedUntil ?? null,
    roles: (normalRoles(a.roles) ?? []).join(' '),
  };
}

function accountFromRow(r: AccountRow): AccountRecord {
  return {
    id: r.id,
    name: r.name,
    nameKey: r.name_key,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    ...(r.last_login_at !== null ? { lastLoginAt: r.last_login_at } : {}),
    failedLogins: r.failed_logins,
    ...(r.locked_until !== null ? { lockedUntil: r.locked_until } : {}),
    ...(r.roles ? { roles: r.roles.split(' ') } : {}),
  };
}

function characterFromRow(r: CharacterRow): CharacterRecord {
  return { id: r.id, accountId: r.account_id, name: r.name, entityId: r.entity_id, createdAt: r.created_at };
}

/** Maps a uniqueness violation on `nameColumn` / `idColumn` to a clear error; anything else passes through. */
function uniqueError(err: unknown, nameColumn: string, duplicate: () => StorageError, idColumn?: string, idMessage?: string): unknown {
  if (isUniqueViolation(err, nameColumn)) return duplicate();
  if (idColumn !== undefined && isUniqueViolation(err, idColumn)) return new StorageError(idMessage ?? 'Duplicate id', { cause: err });
  return err instanceof StorageError ? err : new StorageError(errorMessage(err), { cause: err });
}

function notOpen(): StorageError {
  return new StorageError('Storage is not open: call open() first');
}
