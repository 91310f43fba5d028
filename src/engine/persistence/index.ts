/** Wiring storage into the engine: restore the world on start, commit each tick's changes. */
export { WorldPersistence, type PersistenceStats, type WorldLoadReport } from './world-persistence';
export { storageFromSettings, worldDbPath, WORLD_DB_FILE } from './storage-from-settings';
export { DataDirLock, DataDirLockedError, LOCK_FILE, DEFAULT_LOCK_TIMEOUT_MS, type LockHolder, type AcquireOptions } from './data-dir-lock';
