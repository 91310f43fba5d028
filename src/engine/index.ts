// The public API of the engine: what packs import as `@maid/engine`.
export { GameEngine, type GameEngineOptions, type LoadPackOptions, type PackRecord, type PackStatus } from './engine';
export { getSettings, SETTINGS_ENV, type Settings, type SettingsSources } from './core/settings';
export { Logger, MemorySink, consoleSink, consoleSinkFor, formatRecord, formatTimestamped, type LogTimestamps, LOG_LEVELS, type LogLevel, type LogRecord, type LogSink } from './core/logger';
export { DisposableStore, toDisposable, type Disposable } from './core/disposable';
export { MaidError, PackError, PackNotLoadedError, SettingsError, UsageError, errorMessage, missingPackOf } from './core/errors';
export { currentPack } from './core/pack-context';
export { Signal } from './core/signal';
export { Timers } from './core/timers';
export { CutOffError, RunawayGuard, describeCall, type CutOff, type PackCall, type PackCallKind } from './core/runaway-guard';
export { reportUncaughtPackErrors, uncaughtErrorHandler, type UncaughtPackError, type ProcessErrorOptions } from './process-errors';
export { defineComponent, isComponentType, type ComponentType, type ComponentSpec, type ComponentData } from './ecs/component';
export { Entity } from './ecs/entity';
export { EventBus } from './ecs/events';
export { Query } from './ecs/query';
export { FieldIndex } from './ecs/field-index';
export { World, type EntitySnapshot, type WorldChanges, type CreateEntityOptions } from './ecs/world';
export { System, isStatefulSystem, systemName, type StatefulSystem } from './systems/system';
export { defineCommand, type Command, type CommandContext, type CommandSpec, type PlayerSession } from './commands/define';
export { parseCommandLine, splitArgs } from './commands/parse';
export { CommandRegistry } from './commands/registry';
export {
  contractViolations,
  defineEventHandler,
  type ComponentMigration,
  type ContentPack,
  type EventHandler,
  type EventHandlerContext,
  type PackManifest,
} from './packs/contract';
export { SessionDirectory } from './sessions/session-directory';
export { HotReloadManager, HISTORY_LIMIT } from './hot-reload/manager';
export type {
  ComponentDiff,
  CutOffRecord,
  HookName,
  HotReloadContext,
  HotReloadHook,
  ReloadError,
  ReloadOptions,
  ReloadPhase,
  ReloadResult,
  ReloadTrigger,
  StateDiff,
  SystemStateDiff,
  TimelineEntry,
} from './hot-reload/types';
export type { PackSource, PreparedVersion } from './hot-reload/pack-source';
export { discoverPacks, discoverNonPacks, resolvePackDir, isPackDir, packEntry } from './packs/discover';
export { escapeMarkup } from './server/telnet/ansi';
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
