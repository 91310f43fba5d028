import type { ContentPack } from '../packs/contract';
import type { ReloadError } from './types';
import type { RunningFrame } from '../core/runaway-locator';

/** A new version of a pack, built next to the running one and not yet in use. */
export interface PreparedVersion {
  readonly pack: ContentPack;
  /** Modules evaluated again for this version (absolute paths). */
  readonly reevaluated: string[];
}

/**
 * Where a pack's code comes from, for a reload: its folder on disk, read
 * through the engine's module loader. Two versions live at once while a
 * reload runs (Erlang's old and new code); `commit` drops the old one and
 * `discard` the new one.
 */
export interface PackSource {
  readonly dir: string;
  prepare(changedFiles: string[]): PreparedVersion;
  commit(version: PreparedVersion): void;
  discard(version: PreparedVersion): void;
  /** The absolute file of a module id: `systems/combat.ts`, `systems.combat` or `combat.systems.combat`. */
  resolveModule(moduleId: string): string | undefined;
  /** Source files of the running version (absolute paths). */
  files(): string[];
  /** The original file, line and column of an error from this pack's code (of `version` first, when given). */
  locate(err: unknown, version?: PreparedVersion): Pick<ReloadError, 'file' | 'line' | 'column'> | undefined;
  /** Line of the entry module where the manifest is written, to point contract errors at it. */
  manifestLocation(version?: PreparedVersion): Pick<ReloadError, 'file' | 'line' | 'column'> | undefined;
  /** The error as one line with its original file:line:column, when it comes from this pack. */
  describe(err: unknown): string | undefined;
  /** Where a function of the running version is defined (to point at a call that was cut off). */
  locateFunction?(fn: (...args: never[]) => unknown): Pick<ReloadError, 'file' | 'line' | 'column'> | undefined;
  /** The module whose top level a cut-off interrupted, if one was evaluating (at the line `frames` show, when they do). */
  takeInterruptedModule?(frames?: readonly RunningFrame[]): Pick<ReloadError, 'file' | 'line' | 'column'> | undefined;
  /** The innermost of frames sampled from a running stack that is this pack's code, in the original source. */
  locateRunning?(frames: readonly RunningFrame[]): Pick<ReloadError, 'file' | 'line' | 'column'> | undefined;
}
