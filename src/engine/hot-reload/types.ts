import type { ContentDiff } from '../content/types';
import type { ContentPack } from '../packs/contract';
import type { PackCallKind } from '../core/runaway-guard';

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
  /** Set when the reload failed because pack code it ran (a module's top level, a hook) was cut off. */
  cutOff?: CutOffRecord;
}

/**
 * Pack code ran away: a synchronous call was cut off, or an async system
 * update did not settle within the limit. Plain data, for the log, the
 * studio's timeline ("call cut off") and a host process reporting it.
 */
export interface CutOffRecord {
  /** 'cut-off': terminated after running the limit; 'unsettled': an async update left behind. */
  type: 'cut-off' | 'unsettled';
  packName?: string;
  call: { kind: PackCallKind; name: string };
  limitMs: number;
  /**
   * Where, as near as the engine can tell. A terminated call leaves no
   * stack; a stack sampled half-way to the limit gives the line it was
   * running ('running'); without one, this is where the function that was
   * running is defined ('definition'). For a module's top level: the module
   * ('module'), at the running line when sampled.
   */
  location?: { file: string; line?: number; column?: number; kind: 'running' | 'definition' | 'module' };
  /** What the engine did: the system quarantined, the player told, the reload rolled back. */
  consequence: string;
  /** The whole report as one line (what the log says). */
  message: string;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** One entry of the reload timeline: a reload's result, or pack code cut off between reloads. */
export type TimelineEntry = { type: 'reload'; result: ReloadResult } | { type: 'cut-off'; record: CutOffRecord };

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
  /** What the pack's area files changed in the live world (rooms, prototypes, spawns by key). */
  content?: ContentDiff;
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
