import type { ContentPack } from '../packs/contract';

export type ReloadTrigger = 'file' | 'manual' | 'api' | 'dependency';

export type HookName = 'pre_unload' | 'post_unload' | 'pre_load' | 'post_load' | 'on_error';

/** The step of a reload that failed. */
export type ReloadPhase = 'build' | 'validate' | 'hooks' | 'capture' | 'unload' | 'load' | 'migrate' | 'restore';

/** Why a reload failed, and where: the original source file, line and column when known. */
export interface ReloadError {
  message: string;
  phase: ReloadPhase;
  /** Path of the source file, relative to the pack folder when inside it. */
  file?: string;
  line?: number;
  column?: number;
}

/** A StatefulSystem's captured state before the reload, and what the new version holds after it. */
export interface SystemStateDiff {
  before: Record<string, unknown>;
  after: Record<string, unknown> | null;
  /** The system is new in this version: it got no state. */
  added?: boolean;
  /** The system is gone in this version: its last state is kept here. */
  removed?: boolean;
}

/** Component data a migration changed: how many entities, and a sample of before/after. */
export interface ComponentDiff {
  from: number;
  to: number;
  entities: number;
  sample: { entity: string; before: unknown; after: unknown }[];
}

export interface StateDiff {
  systems: Record<string, SystemStateDiff>;
  components: Record<string, ComponentDiff>;
}

export interface ReloadResult {
  packName: string;
  success: boolean;
  /** Seconds from the start of the reload to its result. */
  elapsedTime: number;
  migrationsRun: number;
  rolledBack: boolean;
  error?: ReloadError;
  trigger: ReloadTrigger;
  /** Files that changed, relative to the pack folder. */
  changedFiles: string[];
  /** When the reload finished, epoch milliseconds. */
  timestamp: number;
  stateDiff: StateDiff;
  /** Version before and after (the same when rolled back). */
  oldVersion?: string;
  newVersion?: string;
  /** Modules the loader evaluated again (relative to the pack folder). */
  reevaluated: string[];
}

/** What hooks get: which pack, how far the reload has come, and the versions involved. */
export interface HotReloadContext {
  packName: string;
  /** Seconds since the reload began. */
  elapsedTime: number;
  trigger: ReloadTrigger;
  changedFiles: string[];
  oldPack?: ContentPack;
  newPack?: ContentPack;
  oldVersion?: string;
  newVersion?: string;
  /** Captured state of each StatefulSystem by name (from pre_unload's end on). */
  capturedState: Record<string, Record<string, unknown>>;
  /** Set for on_error. */
  error?: ReloadError;
}

export type HotReloadHook = (ctx: HotReloadContext) => void | Promise<void>;

export interface ReloadOptions {
  trigger?: ReloadTrigger;
  /** Absolute paths of the files that changed (from the watcher), to re-evaluate just those. */
  changedFiles?: string[];
}
