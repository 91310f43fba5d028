// Issue 15, item 5: the world database holds password hashes. Through the
// real SQLite driver: world.db, its -wal and -shm, and the data directory
// end up private to the user, also when the folder already existed 0755
// and whatever the umask.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from './sqlite-storage';
import { nameKey } from './types';

const dirs: string[] = [];
const previousUmask = process.umask();
afterEach(() => {
  process.umask(previousUmask);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maid-modes-'));
  dirs.push(dir);
  return dir;
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** Opens the world, writes an account (so the WAL exists), and returns the modes while it is open. */
async function openAndWrite(dataDir: string, name = 'Alice'): Promise<Record<string, number>> {
  const storage = new SqliteStorage({ dataDir });
  await storage.open();
  try {
    await storage.createAccount({ id: randomUUID(), name, nameKey: nameKey(name), passwordHash: 'scrypt$x', createdAt: 1, lastLoginAt: 1, failedLogins: 0 });
    const file = storage.file;
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    return { dir: mode(dataDir), db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) };
  } finally {
    await storage.close();
  }
}

const PRIVATE = { dir: 0o700, db: 0o600, wal: 0o600, shm: 0o600 };

describe('file modes of the world database', () => {
  it('a new data directory and its files are private, even under umask 000', async () => {
    process.umask(0);
    expect(await openAndWrite(join(temp(), 'data'))).toEqual(PRIVATE);
  });

  it('a data directory that already existed 0755 is narrowed to 0700, its files 0600', async () => {
    const dataDir = join(temp(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    expect(await openAndWrite(dataDir)).toEqual(PRIVATE);
  });

  it('a database left world-readable by an older version is narrowed, side files included', async () => {
    const dataDir = join(temp(), 'data');
    await openAndWrite(dataDir);
    for (const f of ['world.db', 'world.db-wal', 'world.db-shm']) if (existsSync(join(dataDir, f))) chmodSync(join(dataDir, f), 0o644);
    chmodSync(dataDir, 0o755);
    expect(await openAndWrite(dataDir, 'Bob')).toEqual(PRIVATE);
  });

  it('a data directory that holds other things keeps its mode; the database files are still 0600', async () => {
    const dataDir = temp();
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    const modes = await openAndWrite(dataDir);
    expect(modes).toEqual({ ...PRIVATE, dir: 0o755 });
  });
});
