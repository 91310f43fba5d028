import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ModuleLoadError } from './errors';
import { CompileFailure, createModule, evaluateUnit, type PackRequire } from './evaluate';
import { findImportedName, namedImportsOf, type ImportRule } from './host-imports';
import type { Generation, ModuleRecord } from './module-graph';
import { findSpecifierLocation, isPathSpecifier, resolvePathSpecifier, type Resolution } from './resolve';
import { locateInStack, mappedFrames, type UnitLookup } from './source-maps';
import { readModuleSource, transpileModule, type CompiledUnit } from './transpile';

export interface LinkerContext {
  readonly packDir: string;
  readonly hostModules: ReadonlyMap<string, unknown>;
  /** What the host refuses pack code to import (checked before a module runs); none when absent. */
  readonly importRule?: ImportRule;
  /** The committed generation, where requires from retired or discarded code go. */
  current(): Generation | undefined;
}

/** This folder: its frames are left out of the stacks shown to pack authors. */
const LOADER_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Reads, transpiles and evaluates pack modules into a generation, and serves
 * their `require`. Holds nothing per generation: records point to their
 * generation, never the other way round beyond its own records.
 */
export class Linker {
  /** file → how many times its code was evaluated (any generation). */
  readonly evaluations = new Map<string, number>();
  /**
   * Modules whose top level is running, innermost last. Popped in `finally`,
   * which a cut-off (V8 terminating the evaluation) skips: then the last one
   * is the module that ran away.
   */
  readonly evaluating: CompiledUnit[] = [];
  private readonly nodeRequire: NodeJS.Require;
  /** Units whose imports passed the import rule (units are immutable and shared between generations). */
  private readonly checkedUnits = new WeakSet<CompiledUnit>();

  constructor(private readonly ctx: LinkerContext) {
    this.nodeRequire = createRequire(path.join(ctx.packDir, 'package.json'));
  }

  /** The exports of `file` in `gen`, evaluating it (and what it imports) if the generation lacks it. */
  load(gen: Generation, file: string): unknown {
    const existing = gen.records.get(file);
    if (existing) return existing.module.exports;
    const unit = this.unitFor(gen, file);
    this.checkImports(unit);
    const record: ModuleRecord = { file, unit, module: createModule(file), imports: new Map(), owner: gen };
    gen.records.set(file, record);
    this.evaluations.set(file, (this.evaluations.get(file) ?? 0) + 1);
    if (gen.state === 'building') gen.evaluated.push(file);
    this.evaluating.push(unit);
    try {
      evaluateUnit(unit, record.module, this.requireFor(record));
    } catch (err) {
      const error = err instanceof ModuleLoadError ? err : this.evaluationError(err, record, gen);
      gen.records.delete(file);
      throw error;
    } finally {
      this.evaluating.pop();
    }
    record.module.loaded = true;
    return record.module.exports;
  }

  /** Units of files the generation does not re-read are shared with its base. */
  private unitFor(gen: Generation, file: string): CompiledUnit {
    const baseUnit = gen.base?.records.get(file)?.unit;
    if (baseUnit && gen.reread !== 'all' && !gen.reread.has(file)) return baseUnit;
    const source = readModuleSource(file, this.ctx.packDir);
    if (baseUnit && baseUnit.source === source) return baseUnit;
    return transpileModule(file, source, this.ctx.packDir);
  }

  /** A module that imports a name the host refuses fails before it runs, at the line of its import. */
  private checkImports(unit: CompiledUnit): void {
    const rule = this.ctx.importRule;
    if (!rule || unit.format !== 'script' || this.checkedUnits.has(unit)) return;
    for (const { specifier, name } of namedImportsOf(unit.code, (s) => this.ctx.hostModules.has(s))) {
      const refused = rule(specifier, name);
      if (refused === undefined) continue;
      const at = findImportedName(unit.source, specifier, name) ?? findSpecifierLocation(unit.source, specifier);
      throw new ModuleLoadError({
        kind: 'resolve',
        packDir: this.ctx.packDir,
        file: unit.file,
        line: at?.line,
        column: at?.column,
        lineText: at?.lineText,
        detail: refused,
        specifier,
      });
    }
    this.checkedUnits.add(unit);
  }

  private requireFor(record: ModuleRecord): PackRequire {
    const require = (specifier: string): unknown => this.require(record, specifier);
    require.resolve = (specifier: string): string => this.resolve(record, specifier);
    return require;
  }

  /** Requires from code of a retired (or discarded) version go to the current one. */
  private generationOf(record: ModuleRecord): Generation {
    const owner = record.owner;
    if (owner.state === 'retired' || owner.state === 'discarded') return this.ctx.current() ?? owner;
    return owner;
  }

  private require(record: ModuleRecord, specifier: string): unknown {
    if (typeof specifier !== 'string') throw new TypeError(`require() of a non-string from ${record.file}`);
    const { hostModules, importRule } = this.ctx;
    const refused = importRule?.(specifier);
    if (refused !== undefined) throw this.importError(record, specifier, 'resolve', refused);
    if (hostModules.has(specifier)) return hostModules.get(specifier);
    if (isPathSpecifier(specifier)) {
      const gen = this.generationOf(record);
      const file = this.resolvePackModule(record, specifier, gen);
      record.imports.set(specifier, file);
      return this.load(gen, file);
    }
    this.resolveBare(record, specifier);
    return this.nodeRequire(specifier);
  }

  private resolve(record: ModuleRecord, specifier: string): string {
    if (this.ctx.hostModules.has(specifier)) return specifier;
    if (isPathSpecifier(specifier)) return this.resolvePackModule(record, specifier, this.generationOf(record));
    return this.resolveBare(record, specifier);
  }

  private resolveBare(record: ModuleRecord, specifier: string): string {
    try {
      return this.nodeRequire.resolve(specifier);
    } catch (err) {
      const detail = `Cannot find package '${specifier}' (looked in the pack's node_modules and above)`;
      throw this.importError(record, specifier, 'resolve', detail, err);
    }
  }

  private resolvePackModule(record: ModuleRecord, specifier: string, gen: Generation): string {
    const resolution: Resolution = resolvePathSpecifier(path.dirname(record.file), specifier, this.ctx.packDir);
    if (resolution.ok) return resolution.file;
    if (resolution.reason === 'outside-pack') {
      throw this.importError(record, specifier, 'resolve', `Import '${specifier}' leaves the pack's folder`);
    }
    const previous = gen.base?.records.get(record.file)?.imports.get(specifier) ?? record.imports.get(specifier);
    if (previous !== undefined && !fs.existsSync(previous)) {
      const rel = path.relative(this.ctx.packDir, previous).split(path.sep).join('/');
      throw this.importError(record, specifier, 'missing-file', `Cannot find module '${specifier}': ${rel} was deleted`, undefined, previous);
    }
    throw this.importError(record, specifier, 'resolve', `Cannot resolve '${specifier}'`);
  }

  /** An error at the line of the importing file that names `specifier`. */
  private importError(
    record: ModuleRecord,
    specifier: string,
    kind: 'resolve' | 'missing-file',
    detail: string,
    cause?: unknown,
    target?: string,
  ): ModuleLoadError {
    const probe = new Error('probe');
    const near = locateInStack(probe, (f) => (f === record.file ? record.unit : undefined));
    const at = findSpecifierLocation(record.unit.source, specifier, near?.line);
    return new ModuleLoadError({
      kind,
      packDir: this.ctx.packDir,
      file: record.file,
      line: at?.line ?? near?.line,
      column: at?.column ?? near?.column,
      lineText: at?.lineText,
      detail,
      specifier,
      target,
      cause,
    });
  }

  /** A throw (or V8 compile error) from a module's top level, located in the original source. */
  private evaluationError(err: unknown, record: ModuleRecord, gen: Generation): ModuleLoadError {
    const { packDir } = this.ctx;
    if (err instanceof CompileFailure) {
      const e = err.error;
      const detail = e instanceof Error ? e.message : String(e);
      return new ModuleLoadError({ kind: 'syntax', packDir, file: record.file, detail, cause: e });
    }
    const lookup = this.lookupIn(gen);
    const at = locateInStack(err, lookup);
    const frames = trimFrames(mappedFrames(err, lookup), packDir);
    return new ModuleLoadError({
      kind: 'evaluate',
      packDir,
      file: at?.file ?? record.file,
      line: at?.line,
      column: at?.column,
      name: err instanceof Error ? err.name : 'Error',
      detail: err instanceof Error ? err.message : `Uncaught ${String(err)}`,
      cause: err,
      frames,
    });
  }

  /** Units visible from `gen`: its own, then the current generation's. */
  lookupIn(gen: Generation | undefined): UnitLookup {
    const current = this.ctx.current();
    return (file) => gen?.records.get(file)?.unit ?? current?.records.get(file)?.unit;
  }
}

/** Drop the loader's own frames, and the host's frames below the last pack frame (they only say who called prepare). */
function trimFrames(frames: string | undefined, packDir: string): string | undefined {
  if (frames === undefined) return undefined;
  const lines = frames.split('\n').filter((line) => !line.includes(LOADER_DIR + path.sep));
  let last = lines.length - 1;
  while (last >= 0 && !(lines[last] ?? '').includes(packDir + path.sep)) last--;
  const kept = last >= 0 ? lines.slice(0, last + 1) : lines;
  return kept.length > 0 ? kept.join('\n') : undefined;
}
