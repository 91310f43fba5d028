// The host API: what code that constructs and runs an engine imports (the
// CLI, the studio host, benchmarks, tests; `@maid/engine/host` outside src/).
// Everything packs get (./index.ts) and, on top, what packs must not reach:
// engine construction and settings from the environment, the game server,
// storage and persistence, the reload machinery, discovery of pack folders,
// log sinks and process-level error reporting. Packs never see this module:
// the module loader answers `@maid/engine` with ./index.ts only.
export * from './index';
export { GameEngine, type GameEngineOptions, type LoadPackOptions, type PackRecord, type PackStatus } from './engine';
export { getSettings, SETTINGS_ENV, type SettingsSources } from './core/settings';
export { Logger, MemorySink, consoleSink, consoleSinkFor, formatRecord, formatTimestamped, type LogTimestamps, LOG_LEVELS, type LogRecord, type LogSink } from './core/logger';
export { DisposableStore, toDisposable } from './core/disposable';
export { SettingsError, missingPackOf } from './core/errors';
export { currentPack } from './core/pack-context';
export { Signal } from './core/signal';
export { Timers } from './core/timers';
export { CutOffError, RunawayGuard, describeCall, type CutOff, type PackCall, type PackCallKind } from './core/runaway-guard';
export { reportUncaughtPackErrors, uncaughtErrorHandler, type UncaughtPackError, type ProcessErrorOptions } from './process-errors';
export { CommandRegistry } from './commands/registry';
export { contractViolations } from './packs/contract';
export { SessionDirectory } from './sessions/session-directory';
export { HotReloadManager, HISTORY_LIMIT } from './hot-reload/manager';
export { ContentLayer, ContentError, areasDirOf, parseArea, readAreas, validateContent, lookupOf, resolveComponents, isAreaFile, type ContentLookup, type PreparedContent } from './content';
export type { ReloadOptions, TimelineEntry } from './hot-reload/types';
export type { PackSource, PreparedVersion } from './hot-reload/pack-source';
export { discoverPacks, discoverNonPacks, resolvePackDir, isPackDir, packEntry } from './packs/discover';
export {
  GameServer,
  GMCP_SUBPROTOCOL,
  limitsFrom,
  type GameServerOptions,
  type ServerAddresses,
  type ServerLimits,
  type ServerStats,
} from './server';
export { WorldPersistence, storageFromSettings, worldDbPath, DataDirLock, DataDirLockedError, LOCK_FILE, type LockHolder, type PersistenceStats, type WorldLoadReport } from './persistence';
export { MemoryStorage, SqliteStorage, type Storage } from './storage';
export { WorldInspector, InspectError, parseEdit, parseEntityId, parseListRequest, parseWatch } from './inspect';
export type { EditResult, EntityDelta, EntityPage, EntityView, InspectEdit } from './inspect';
export { worldMap, MarkerWatch, applyMapEdit, parseMapEdit, parseMapWatch } from './map';
export type { MapEdit, MapEditResult, MapMarker, MapRoom, MarkerDelta, WorldMap } from './map';
