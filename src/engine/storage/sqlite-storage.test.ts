import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStorageContract } from './contract.test-kit';
import { openDatabase, readPragma, type Database } from './node-sqlite';
import { latestSchemaVersion, migrateSchema, SCHEMA_MIGRATIONS, SqliteStorage } from './sqlite-storage';
import type { Storage } from './types';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maid-sqlite-'));
  dirs.push(dir);
  return dir;
}
function cleanupDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

describeStorageContract('SqliteStorage', {
  async create() {
    const s = new SqliteStorage({ dataDir: join(tempDir(), 'data') });
    await s.open();
    return s;
  },
  async reopen(closed) {
    const s = new SqliteStorage({ dataDir: join((closed as SqliteStorage).file, '..') });
    await s.open();
    return s;
  },
  async corrupt(storage, entityId, component) {
    // A second connection, as a stray tool or a damaged page would.
    const db = openDatabase((storage as SqliteStorage).file);
    db.prepare('UPDATE components SET data = ? WHERE entity_id = ? AND name = ?').run('{"broken": ', entityId, component);
    db.close();
  },
  async cleanup() {
    cleanupDirs();
  },
});

describe('SqliteStorage specifics', () => {
  const open: Storage[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    cleanupDirs();
  });
  async function openAt(dataDir: string, options: Partial<ConstructorParameters<typeof SqliteStorage>[0]> = {}): Promise<SqliteStorage> {
    const s = new SqliteStorage({ dataDir, ...options });
    await s.open();
    open.push(s);
    return s;
  }

  it('creates <dataDir>/world.db in a directory only its owner can enter', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const s = await openAt(dataDir);
    expect(s.file).toBe(join(dataDir, 'world.db'));
    expect(statSync(s.file).isFile()).toBe(true);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('runs in WAL mode with synchronous=NORMAL by default, FULL on request', async () => {
    const s = await openAt(tempDir());
    expect(s.info()).toMatchObject({ journalMode: 'wal', synchronous: 'NORMAL', schemaVersion: latestSchemaVersion() });
    // WAL is a property of the file: another connection sees it too.
    const db = openDatabase(s.file);
    expect(readPragma(db, 'journal_mode')).toBe('wal');
    db.close();
    const full = await openAt(tempDir(), { synchronous: 'FULL' });
    expect(full.info().synchronous).toBe('FULL');
    expect(() => new SqliteStorage({ dataDir: tempDir(), synchronous: 'OFF' as 'FULL' })).toThrow(/synchronous/);
  });

  it('brings an older schema forward on open, keeping its data', async () => {
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'world.db'));
    expect(migrateSchema(db, SCHEMA_MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    db.prepare('INSERT INTO entities (id, key) VALUES (?, ?)').run('e1', 'k1');
    db.prepare('INSERT INTO components (entity_id, name, version, data) VALUES (?, ?, ?, ?)').run('e1', 'A', 1, '{"v":1}');
    db.close();
    const s = await openAt(dataDir);
    expect(s.info().schemaVersion).toBe(latestSchemaVersion());
    expect(await s.getMeta('schema_version')).toBe(String(latestSchemaVersion()));
    expect((await s.loadEntities()).entities).toEqual([{ id: 'e1', key: 'k1', components: { A: { version: 1, data: { v: 1 } } } }]);
    await s.createAccount({ id: 'a1', name: 'Alice', nameKey: 'alice', passwordHash: 'h', createdAt: 1, failedLogins: 0 });
    expect(await s.findAccount('alice')).toBeDefined();
  });

  it('runs each schema step in its own transaction: a failing step leaves the version where it was', async () => {
    const db = openDatabase(join(tempDir(), 'world.db'));
    const steps = [...SCHEMA_MIGRATIONS.slice(0, 2), { version: 3, description: 'broken', up: (d: Database) => d.exec('CREATE TABLE t3 (x); SELECT * FROM no_such_table') }];
    expect(() => migrateSchema(db, steps)).toThrow(/Schema migration to version 3 \(broken\) failed: no such table/);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: '2' });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't3'").get()).toBeUndefined();
    db.close();
  });

  it("brings a version-2 database's accounts forward as players (no roles), and roles round-trip", async () => {
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'world.db'));
    migrateSchema(db, SCHEMA_MIGRATIONS.slice(0, 2));
    db.prepare('INSERT INTO accounts (id, name, name_key, password_hash, created_at, failed_logins) VALUES (?, ?, ?, ?, ?, ?)').run('a1', 'Old', 'old', 'h', 1, 0);
    db.close();
    const s = await openAt(dataDir);
    expect(await s.findAccount('old')).toEqual({ id: 'a1', name: 'Old', nameKey: 'old', passwordHash: 'h', createdAt: 1, failedLogins: 0 });
    await s.updateAccount('a1', { roles: ['builder'] });
    expect((await s.findAccount('old'))?.roles).toEqual(['builder']);
  });

  it('refuses a database written by a newer build instead of guessing', async () => {
    const dataDir = tempDir();
    const first = await openAt(dataDir);
    await first.close();
    const db = openDatabase(first.file);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    await expect(new SqliteStorage({ dataDir }).open()).rejects.toThrow(/schema version 99, newer than this build knows \(3\)/);
  });

  it('a file that is not a database gives an error naming the file', async () => {
    const dataDir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'world.db'), 'this is not sqlite, just text that is long enough to look like a header'.repeat(20));
    await expect(new SqliteStorage({ dataDir }).open()).rejects.toThrow(/world\.db: .*not a database/);
  });

  it('loses nothing a commit returned for when the process is SIGKILLed mid-stream', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url)), dataDir], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let buffered = '';
    let lastPrinted = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (/^\d+$/.test(line)) lastPrinted = Number(line);
      if (lastPrinted >= 400 && !child.killed) child.kill('SIGKILL');
    });
    const signal = await exited;
    expect(signal, `child ended without being killed; stderr:\n${stderr}`).toBe('SIGKILL');
    expect(lastPrinted).toBeGreaterThanOrEqual(400);

    const s = await openAt(dataDir);
    const { entities, problems } = await s.loadEntities();
    expect(problems).toEqual([]);
    const byId = new Map(entities.map((e) => [e.id, e]));
    const lastTick = Number(await s.getMeta('last_tick'));
    // Everything printed landed; at most the change set in flight (printed or not) landed beyond it.
    expect(lastTick).toBeGreaterThanOrEqual(lastPrinted);
    expect(byId.get('counter')?.components.Counter?.data).toEqual({ i: lastTick });
    for (let i = 1; i <= lastTick; i++) {
      const destroyed = i % 2 === 1 && i + 1 <= lastTick;
      if (destroyed) expect(byId.has(`e${i}`), `e${i} should have been deleted`).toBe(false);
      else expect(byId.get(`e${i}`)?.components, `e${i} of a committed change set`).toEqual({ Seq: { version: 1, data: { i, pad: 'x'.repeat(200) } }, Extra: { version: 2, data: [i, i * 2] } });
    }
    // Nothing of a change set beyond the last one recorded.
    expect(byId.has(`e${lastTick + 1}`)).toBe(false);
    expect(entities.length).toBe(1 + Math.ceil(lastTick / 2));
  });
});
