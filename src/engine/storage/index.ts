/** Persistence: one Storage interface, its drivers, and component data migration on load. */
export * from './types';
export { MemoryStorage } from './memory-storage';
export { SqliteStorage, SCHEMA_MIGRATIONS, latestSchemaVersion, migrateSchema, type SqliteStorageOptions, type SchemaMigration } from './sqlite-storage';
export { migrateEntityRecords, ComponentMigrationError, type ComponentVersion, type MigrationReport } from './component-migrations';
