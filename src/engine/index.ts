// The pack API: what packs import as `@maid/engine`, and all of it they get
// (the module loader hands pack code this module, the editor's IntelliSense
// sees only it). What a pack defines, registers, reads, throws or catches is
// here; what constructs and runs an engine (servers, storage, persistence,
// reload machinery, discovery, log sinks, settings from the environment) is
// on the host entry, ./host.ts. A class a pack only meets as a parameter or a
// property (the engine it is handed, its logger, timers, signals) is a type here.
export type { GameEngine } from './engine';
export type { Settings } from './core/settings';
export type { Logger, LogLevel } from './core/logger';
export type { Disposable } from './core/disposable';
export type { Signal } from './core/signal';
export type { Timers } from './core/timers';
export { MaidError, PackError, PackNotLoadedError, UsageError, errorMessage } from './core/errors';
export { defineComponent, isComponentType, type ComponentType, type ComponentSpec, type ComponentData } from './ecs/component';
export { Entity } from './ecs/entity';
export { EventBus } from './ecs/events';
export { Query } from './ecs/query';
export { FieldIndex } from './ecs/field-index';
export { World, type EntitySnapshot, type WorldChanges, type CreateEntityOptions } from './ecs/world';
export { System, isStatefulSystem, systemName, type StatefulSystem } from './systems/system';
export { defineCommand, type Command, type CommandContext, type CommandSpec, type PlayerSession, type SessionAccount } from './commands/define';
export { parseCommandLine, splitArgs } from './commands/parse';
export {
  defineEventHandler,
  type ComponentMigration,
  type ContentPack,
  type EventHandler,
  type EventHandlerContext,
  type PackManifest,
} from './packs/contract';
export type {
  ComponentDiff,
  CutOffRecord,
  HookName,
  HotReloadContext,
  HotReloadHook,
  ReloadError,
  ReloadPhase,
  ReloadResult,
  ReloadTrigger,
  StateDiff,
  SystemStateDiff,
} from './hot-reload/types';
export { escapeMarkup } from './server/telnet/ansi';
// The content layer as packs see it: what marks content entities, and how keys are formed.
export { ContentOrigin, Spawned } from './content/components';
export { qualify, packOf, roomEntityKey, spawnEntityKey } from './content/keys';
export type { ContentAppliedEvent } from './content/layer';
export type { ComponentMap, ContentDiff, ContentProblem, RoomDef, PrototypeDef, SpawnDef, AreaFile, PackContent, SourceRange } from './content/types';
