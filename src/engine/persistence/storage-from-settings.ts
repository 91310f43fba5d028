import { join } from 'node:path';
import type { Settings } from '../core/settings';
import { SqliteStorage } from '../storage/sqlite-storage';

/** The database file every server keeps its world in, inside the data directory. */
export const WORLD_DB_FILE = 'world.db';

/**
 * The storage a server uses by default: SQLite in WAL mode at
 * `<dataDir>/world.db` (created on first open). Not opened yet.
 */
export function storageFromSettings(settings: Pick<Settings, 'dataDir'>, options: { synchronous?: 'NORMAL' | 'FULL' } = {}): SqliteStorage {
  return new SqliteStorage({ dataDir: settings.dataDir, fileName: WORLD_DB_FILE, ...options });
}

/** Where `storageFromSettings` puts the database. */
export function worldDbPath(settings: Pick<Settings, 'dataDir'>): string {
  return join(settings.dataDir, WORLD_DB_FILE);
}
