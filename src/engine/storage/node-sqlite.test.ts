import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inTransaction, isUniqueViolation, openDatabase, readPragma, withoutSqliteWarning } from './node-sqlite';

const SQLITE_WARNING = 'SQLite is an experimental feature and might change at any time';

describe('node:sqlite', () => {
  it("keeps SQLite's experimental-feature warning from users, and lets every other warning through", () => {
    // A recording emitWarning stands where Node's would print, so the test log stays clean.
    const original = process.emitWarning;
    const passed: unknown[][] = [];
    process.emitWarning = ((...args: unknown[]) => void passed.push(args)) as typeof process.emitWarning;
    try {
      withoutSqliteWarning(() => {
        process.emitWarning(SQLITE_WARNING, 'ExperimentalWarning');
        process.emitWarning(SQLITE_WARNING, { type: 'ExperimentalWarning' });
        process.emitWarning('Something else is experimental', 'ExperimentalWarning');
        process.emitWarning(SQLITE_WARNING, 'DeprecationWarning');
      });
      expect(passed).toEqual([
        ['Something else is experimental', 'ExperimentalWarning'],
        [SQLITE_WARNING, 'DeprecationWarning'],
      ]);
      // Outside the window the filter is gone.
      process.emitWarning(SQLITE_WARNING, 'ExperimentalWarning');
      expect(passed).toHaveLength(3);
    } finally {
      process.emitWarning = original;
    }
  });

  it('a process that opens the world database prints nothing on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maid-node-sqlite-'));
    try {
      const storage = fileURLToPath(new URL('./sqlite-storage.ts', import.meta.url));
      const script = `const { SqliteStorage } = await import(${JSON.stringify(storage)}); const s = new SqliteStorage({ dataDir: ${JSON.stringify(dir)} }); await s.open(); await s.close(); console.log('opened');`;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('opened');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a transaction commits as a whole or not at all, and a uniqueness violation is recognised by column', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (name TEXT PRIMARY KEY)');
    inTransaction(db, () => db.prepare('INSERT INTO t VALUES (?)').run('a'));
    let caught: unknown;
    try {
      inTransaction(db, () => {
        db.prepare('INSERT INTO t VALUES (?)').run('b');
        db.prepare('INSERT INTO t VALUES (?)').run('a');
      });
    } catch (err) {
      caught = err;
    }
    expect(isUniqueViolation(caught, 't.name')).toBe(true);
    expect(isUniqueViolation(caught, 't.other')).toBe(false);
    expect(db.isTransaction).toBe(false);
    expect(db.prepare('SELECT name FROM t ORDER BY name').all().map((r) => r.name)).toEqual(['a']);
    // node:sqlite turns foreign keys on by default.
    expect(readPragma(db, 'foreign_keys')).toBe(1);
    db.close();
  });
});
