import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PackModuleLoader, type PackGeneration } from '../loader';
import { displayPath } from '../loader/errors';
import { PackError, PackNotLoadedError } from '../core/errors';
import { CutOffError } from '../core/runaway-guard';
import type { RunningFrame } from '../core/runaway-locator';
import type { PackSource, PreparedVersion } from '../hot-reload/pack-source';
import type { ContentPack } from './contract';
import type { GameEngine } from '../engine';
import { packHostModules, packImportRule } from './pack-api';

/** What `import '@maid/engine'` (and friends) give pack code: the host's own modules. */
export type HostModuleTable = Record<string, unknown>;

/** Turns a pack module's default export (a class, a factory or an object) into a pack. */
export function instantiatePack(entry: unknown, file: string): ContentPack {
  if (typeof entry === 'function') {
    try {
      return new (entry as new () => ContentPack)();
    } catch (err) {
      if (err instanceof TypeError && /not a constructor|cannot be invoked without 'new'/.test(err.message)) return (entry as () => ContentPack)();
      throw err;
    }
  }
  if (typeof entry === 'object' && entry !== null) return entry as ContentPack;
  throw new PackError(`${file} must export the pack as its default export (a ContentPack class or object)`);
}

/**
 * Resolves `@packs/<name>` to the live exports of that loaded pack's
 * `src/pack.ts`. Pack code reads the import's members when it uses them
 * (esbuild's CommonJS output does), so after a reload of the dependency it
 * sees the new version, and packs may be read in any order.
 */
class HostModules extends Map<string, unknown> {
  private readonly packProxies = new Map<string, object>();

  constructor(
    table: HostModuleTable,
    private readonly engine: GameEngine,
  ) {
    super(Object.entries(table));
  }

  override has(spec: string): boolean {
    return super.has(spec) || packNameOf(spec) !== undefined;
  }

  override get(spec: string): unknown {
    if (super.has(spec)) return super.get(spec);
    const name = packNameOf(spec);
    if (name === undefined) return undefined;
    let proxy = this.packProxies.get(name);
    if (!proxy) {
      const exportsOf = (): object => {
        const exported = (this.engine.hotReload.getSource(name) as LoaderPackSource | undefined)?.exports();
        if (typeof exported !== 'object' || exported === null) {
          throw new PackNotLoadedError(`Pack '${name}' (imported as '${spec}') is not loaded; add it to the server's packs or to the manifest's dependencies`, name);
        }
        return exported;
      };
      proxy = new Proxy(
        {},
        {
          get: (_t, key) => (key === '__esModule' ? true : (exportsOf() as Record<string | symbol, unknown>)[key]),
          has: (_t, key) => key in exportsOf(),
          ownKeys: () => Reflect.ownKeys(exportsOf()),
          getOwnPropertyDescriptor: (_t, key) => {
            const d = Reflect.getOwnPropertyDescriptor(exportsOf(), key);
            return d ? { ...d, configurable: true } : undefined;
          },
        },
      );
      this.packProxies.set(name, proxy);
    }
    return proxy;
  }

}

/** `@packs/<name>`: another pack, by name. */
function packNameOf(spec: string): string | undefined {
  return /^@packs\/([a-z0-9][a-z0-9._-]*)$/.exec(spec)?.[1];
}

interface LoaderVersion extends PreparedVersion {
  readonly generation: PackGeneration;
}

/** A pack's folder read through the engine's module loader. */
export class LoaderPackSource implements PackSource {
  constructor(readonly loader: PackModuleLoader) {}

  get dir(): string {
    return this.loader.packDir;
  }

  /** The current version's `src/pack.ts` exports. */
  exports(): unknown {
    return this.loader.current?.entryExports;
  }

  prepare(changedFiles: string[]): LoaderVersion {
    const generation = this.loader.prepare(changedFiles.length > 0 ? changedFiles : undefined);
    return { pack: instantiatePack(generation.entry, generation.entryFile), reevaluated: [...generation.evaluated], generation };
  }

  commit(version: PreparedVersion): void {
    this.loader.commit((version as LoaderVersion).generation);
  }

  discard(version: PreparedVersion): void {
    this.loader.discard((version as LoaderVersion).generation);
  }

  resolveModule(moduleId: string): string | undefined {
    return this.loader.resolveModule(moduleId);
  }

  files(): string[] {
    return this.loader.files();
  }

  locate(err: unknown, version?: PreparedVersion) {
    const generation = (version as LoaderVersion | undefined)?.generation;
    return this.loader.locate(err, generation?.state === 'prepared' ? generation : undefined);
  }

  manifestLocation(version?: PreparedVersion) {
    const file = (version as LoaderVersion | undefined)?.generation.entryFile ?? this.loader.current?.entryFile;
    if (!file) return undefined;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return { file };
    }
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /\bmanifest\b\s*[:=(]/.test(l));
    return at < 0 ? { file } : { file, line: at + 1, column: (lines[at] as string).search(/\bmanifest\b/) + 1 };
  }

  describe(err: unknown): string | undefined {
    return this.loader.describeError(err);
  }

  locateFunction(fn: (...args: never[]) => unknown) {
    return this.loader.locateFunction(fn);
  }

  takeInterruptedModule(frames?: readonly RunningFrame[]) {
    return this.loader.takeInterruptedModule(frames);
  }

  locateRunning(frames: readonly RunningFrame[]) {
    return this.loader.locateRunning(frames);
  }
}

/**
 * Reads a pack folder through a new module loader: the pack (not yet loaded
 * into the engine) and its source. Its code sees the pack API as `@maid/engine`.
 */
export function readPackFolder(engine: GameEngine, dir: string, entry?: string): { pack: ContentPack; source: LoaderPackSource } {
  const loader = new PackModuleLoader({
    packDir: resolve(dir),
    hostModules: new HostModules(packHostModules(), engine),
    importRule: packImportRule,
    ...(entry !== undefined ? { entry } : {}),
  });
  const source = new LoaderPackSource(loader);
  // A module whose top level never ends is cut off: the pack fails to load and the engine goes on.
  let read: { generation: PackGeneration; pack: ContentPack } | undefined;
  const guard = engine.runaway;
  const stopped = guard.run(() => {
    guard.within({ kind: 'module', packName: loader.packName, name: 'src/pack.ts' }, () => {
      const generation = loader.prepare();
      read = { generation, pack: instantiatePack(generation.entry, generation.entryFile) };
    });
  });
  if (stopped || !read) {
    if (!stopped) throw new PackError(`Reading the pack in ${dir} gave no pack`);
    const at = loader.takeInterruptedModule(stopped.running);
    const location = at ? { ...at, file: displayPath(loader.packDir, at.file), kind: 'module' as const } : undefined;
    engine.reportRunaway(stopped, `pack '${loader.packName}' is not loaded`, { location });
    throw new CutOffError(location ? { ...stopped, call: { ...stopped.call, name: location.file } } : stopped);
  }
  loader.commit(read.generation);
  return { pack: read.pack, source };
}
