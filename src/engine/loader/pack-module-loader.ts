import fs from 'node:fs';
import path from 'node:path';
import { ModuleLoadError, displayPath, type SourceLocation } from './errors';
import { Linker } from './linker';
import type { ImportRule } from './host-imports';
import { Generation, importersOf, invalidatedBy, retainReachable, type ModuleRecord, type PackGeneration } from './module-graph';
import { isInside, moduleIdTargets, readPackName, resolvePathSpecifier } from './resolve';
import { locateInStack, mapPosition, mapStack } from './source-maps';
import { isModuleFile } from './transpile';
import type { RunningFrame } from '../core/runaway-locator';

export interface PackModuleLoaderOptions {
  /** The pack folder (holds package.json and src/). */
  packDir: string;
  /**
   * Specifiers answered with the host's own objects, returned as they are:
   * e.g. `{ '@maid/engine': engineNamespace, '@maid/engine/testing': testingNamespace }`.
   */
  hostModules?: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;
  /** What pack code may not import (a specifier, or a name from a host module): refused imports fail the load at their line. */
  importRule?: ImportRule;
  /** The entry module relative to packDir, extension optional. Default `src/pack`. */
  entry?: string;
  /** First segment accepted in dotted module ids. Default: package.json name without scope, else the folder name. */
  packName?: string;
}

/**
 * Loads a pack's modules without Node's module cache, one generation at a time.
 *
 * `prepare` builds the next generation beside the current one (sharing every
 * module the change does not reach) and leaves the current one untouched;
 * `commit` makes it current, `discard` drops it. Old generations keep nothing
 * alive once the engine lets go of their exports.
 */
export class PackModuleLoader {
  readonly packDir: string;
  readonly srcDir: string;
  /** packDir as given, when it differs from its real path (symlinks). */
  private readonly givenDir: string;
  readonly packName: string;
  private readonly entrySpec: string;
  private readonly linker: Linker;
  private currentGen: Generation | undefined;
  /** The last generation prepared and not yet committed or discarded: a reload's new code, while it activates. */
  private latestPrepared: Generation | undefined;
  private nextId = 0;
  private readonly key = {};

  constructor(options: PackModuleLoaderOptions) {
    this.givenDir = path.resolve(options.packDir);
    this.packDir = realDir(this.givenDir);
    this.srcDir = path.join(this.packDir, 'src');
    this.packName = options.packName ?? readPackName(this.packDir);
    this.entrySpec = './' + (options.entry ?? 'src/pack').replace(/^\.[\\/]/, '');
    const hostModules = options.hostModules instanceof Map ? options.hostModules : new Map(Object.entries(options.hostModules ?? {}));
    this.linker = new Linker({ packDir: this.packDir, hostModules, importRule: options.importRule, current: () => this.currentGen });
  }

  /** The committed generation, if any. */
  get current(): PackGeneration | undefined {
    return this.currentGen;
  }

  /** First load (or a full reload): prepare every module from disk and commit. Returns the entry's default export. */
  loadEntry(): unknown {
    const gen = this.prepare();
    this.commit(gen);
    return gen.entry;
  }

  /**
   * Build the next generation. With `changedFiles` (absolute, or relative to
   * the pack folder or to src/), only those modules and their importers are
   * evaluated again; without, or before the first commit, every module is.
   * Throws a ModuleLoadError, leaving the current generation as it was.
   */
  prepare(changedFiles?: Iterable<string>): PackGeneration {
    const base = this.currentGen;
    const changed = changedFiles === undefined ? undefined : new Set([...changedFiles].map((f) => this.toAbsolute(f)));
    const next = new Generation(++this.nextId, this.key, base, changed && base ? changed : 'all');
    if (base && changed) {
      const invalid = invalidatedBy(base.records, changed);
      for (const [file, record] of base.records) if (!invalid.has(file)) next.records.set(file, record);
    }
    try {
      next.entryFile = this.entryFile();
      next.entryExports = this.linker.load(next, next.entryFile);
      retainReachable(next.records, [next.entryFile]);
    } catch (err) {
      this.drop(next);
      if (err instanceof ModuleLoadError) throw err;
      throw new ModuleLoadError({
        kind: 'evaluate',
        packDir: this.packDir,
        file: next.entryFile || path.join(this.srcDir, 'pack.ts'),
        detail: err instanceof Error ? err.message : String(err),
        cause: err,
      });
    }
    next.state = 'prepared';
    this.latestPrepared = next;
    return next;
  }

  /** Prepare a reload of one module (and its importers): `systems/combat.ts`, `systems.combat` or `combat.systems.combat`. */
  prepareModule(moduleId: string): PackGeneration {
    const file = this.resolveModule(moduleId);
    if (file === undefined) {
      const guess = moduleIdGuess(moduleId, this.srcDir);
      throw new ModuleLoadError({ kind: 'missing-file', packDir: this.packDir, file: guess, detail: `No module '${moduleId}' in pack '${this.packName}'` });
    }
    return this.prepare([file]);
  }

  /** Make a prepared generation current; the previous one's modules become garbage. */
  commit(generation: PackGeneration): void {
    const gen = this.own(generation);
    if (gen.state !== 'prepared') throw new Error(`Cannot commit generation ${gen.id}: it is ${gen.state}`);
    if (gen.base !== this.currentGen) {
      throw new Error(`Cannot commit generation ${gen.id}: it was prepared from a version that is no longer current`);
    }
    const previous = this.currentGen;
    for (const record of gen.records.values()) record.owner = gen;
    gen.base = undefined;
    gen.reread = new Set();
    gen.state = 'current';
    this.currentGen = gen;
    if (previous) {
      previous.state = 'retired';
      previous.records.clear();
    }
  }

  /** Drop a prepared generation; the current one keeps serving. */
  discard(generation: PackGeneration): void {
    const gen = this.own(generation);
    if (gen.state === 'current') throw new Error(`Cannot discard generation ${gen.id}: it is current`);
    this.drop(gen);
  }

  /** The absolute file a module id names (see prepareModule), if it exists or is in the current graph. */
  resolveModule(moduleId: string): string | undefined {
    const graph = this.currentGen?.records;
    for (const target of moduleIdTargets(moduleId, this.packDir, this.srcDir, this.packName)) {
      if (graph?.has(target) || (isModuleFile(target) && isFileSync(target))) return target;
      if (!isInside(this.packDir, target)) continue;
      const rel = './' + path.relative(this.packDir, target).split(path.sep).join('/');
      const found = resolvePathSpecifier(this.packDir, rel, this.packDir);
      if (found.ok) return found.file;
      for (const file of graph?.keys() ?? []) if (stripExt(file) === target) return file;
    }
    return undefined;
  }

  /** Absolute paths of the modules in the current generation. */
  files(): string[] {
    return this.currentGen?.files ?? [];
  }

  /** The current graph: each module with what it imports and what imports it (absolute paths). */
  graph(): { file: string; imports: string[]; importers: string[] }[] {
    const records: ReadonlyMap<string, ModuleRecord> = this.currentGen?.records ?? new Map<string, ModuleRecord>();
    const importers = importersOf(records);
    return [...records.values()]
      .map((r) => ({ file: r.file, imports: [...new Set(r.imports.values())].sort(), importers: [...(importers.get(r.file) ?? [])].sort() }))
      .sort((a, b) => a.file.localeCompare(b.file));
  }

  /** How many times a module's code has been evaluated by this loader (any generation). */
  evaluationCount(file: string): number {
    return this.linker.evaluations.get(this.toAbsolute(file)) ?? 0;
  }

  /**
   * Where an error thrown by this pack's code (now or any time later) comes
   * from: the innermost pack frame, in the original source. Looks in
   * `generation` first when given (e.g. a prepared one), then the current one.
   */
  locate(error: unknown, generation?: PackGeneration): SourceLocation | undefined {
    if (error instanceof ModuleLoadError) return { file: error.file, line: error.line, column: error.column };
    return locateInStack(error, this.linker.lookupIn(generation && this.own(generation)));
  }

  /** The error's stack with this pack's frames mapped to original file:line:column. */
  mapStack(error: unknown, generation?: PackGeneration): string {
    if (error instanceof ModuleLoadError) return error.stack ?? error.toString();
    return mapStack(error, this.linker.lookupIn(generation && this.own(generation)));
  }

  /** `TypeError: x is undefined at src/systems/combat.ts:12:5`, or undefined when no frame is this pack's. */
  describeError(error: unknown, generation?: PackGeneration): string | undefined {
    if (error instanceof ModuleLoadError) return error.toString();
    const at = this.locate(error, generation);
    if (!at) return undefined;
    const head = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return `${head} at ${displayPath(this.packDir, at.file)}:${at.line}:${at.column}`;
  }

  /**
   * Where a function of this pack's current code is defined, in the original
   * source: V8 gives a function's exact source text, which is found in the
   * compiled code of a module and mapped back. The first match wins when two
   * functions have the same text.
   */
  locateFunction(fn: (...args: never[]) => unknown): SourceLocation | undefined {
    const text = Function.prototype.toString.call(fn);
    if (text.length < 8 || text.endsWith('{ [native code] }')) return undefined;
    for (const gen of this.liveGenerations()) {
      for (const record of gen.records.values()) {
        const unit = record.unit;
        if (unit.format !== 'script') continue;
        const at = unit.code.indexOf(text);
        if (at < 0) continue;
        const before = unit.code.slice(0, at);
        const line = before.split('\n').length;
        const column = at - before.lastIndexOf('\n');
        return { file: unit.file, ...mapPosition(unit, line, column) };
      }
    }
    return undefined;
  }

  /** A reload's prepared code first (it may be what runs while the new version activates), then the current code. */
  private liveGenerations(): Generation[] {
    const prepared = this.latestPrepared?.state === 'prepared' ? [this.latestPrepared] : [];
    return [...prepared, ...(this.currentGen ? [this.currentGen] : [])];
  }

  /**
   * The module whose top level was running when a cut-off stopped an
   * evaluation (then forgets it), at the line it was running when `frames`
   * (sampled before the cut-off) show it.
   */
  takeInterruptedModule(frames: readonly RunningFrame[] = []): { file: string; line?: number; column?: number } | undefined {
    const unit = this.linker.evaluating.at(-1);
    this.linker.evaluating.length = 0;
    if (!unit) return undefined;
    const frame = frames.find((f) => f.file === unit.file);
    return frame ? { file: unit.file, ...mapPosition(unit, frame.line, frame.column) } : { file: unit.file };
  }

  /** The innermost of `frames` (sampled from a running stack) that is this pack's current code, in the original source. */
  locateRunning(frames: readonly RunningFrame[]): SourceLocation | undefined {
    const generations = this.liveGenerations();
    for (const frame of frames) {
      for (const gen of generations) {
        const unit = gen.records.get(frame.file)?.unit;
        if (unit) return { file: unit.file, ...mapPosition(unit, frame.line, frame.column) };
      }
    }
    return undefined;
  }

  private entryFile(): string {
    const found = resolvePathSpecifier(this.packDir, this.entrySpec, this.packDir);
    if (found.ok) return found.file;
    const file = path.extname(found.target) ? found.target : found.target + '.ts';
    throw new ModuleLoadError({ kind: 'missing-file', packDir: this.packDir, file, detail: 'The pack entry module does not exist' });
  }

  private own(generation: PackGeneration): Generation {
    if (!(generation instanceof Generation) || generation.loaderKey !== this.key) {
      throw new Error('This generation was not prepared by this loader');
    }
    return generation;
  }

  private drop(gen: Generation): void {
    gen.state = 'discarded';
    gen.base = undefined;
    gen.records.clear();
  }

  /** Absolute path for a file named absolute, relative to the pack folder (`src/x.ts`), or relative to src/ (`x.ts`). */
  private toAbsolute(file: string): string {
    if (path.isAbsolute(file)) {
      const resolved = path.resolve(file);
      if (isInside(this.packDir, resolved)) return resolved;
      if (isInside(this.givenDir, resolved)) return path.join(this.packDir, path.relative(this.givenDir, resolved));
      try {
        return fs.realpathSync(resolved);
      } catch {
        return resolved;
      }
    }
    const rel = file.replace(/^\.[\\/]/, '');
    return /^src[\\/]/.test(rel) ? path.resolve(this.packDir, rel) : path.resolve(this.srcDir, rel);
  }
}

function realDir(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}

function isFileSync(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function stripExt(file: string): string {
  return file.slice(0, file.length - path.extname(file).length);
}

function moduleIdGuess(moduleId: string, srcDir: string): string {
  const rel = moduleId.includes('/') ? moduleId : moduleId.split('.').join('/');
  return path.resolve(srcDir, path.extname(rel) ? rel : rel + '.ts');
}
