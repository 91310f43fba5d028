import { basename, join } from 'node:path';
import { discoverPacks, errorMessage, missingPackOf, resolvePackDir, type GameEngine } from '../../engine/host';
import type { ReloadFailure } from '../../shared/model';

/** A pack folder the engine could not load (its code does not compile, say): shown as failed, retried on change. */
export interface UnloadedPack {
  /** The folder's name (its manifest could not be read). */
  name: string;
  dir: string;
  failure: ReloadFailure;
  /** The pack its code used that was not loaded: loading that one tries this one again. */
  waitingFor?: string;
}

/** One attempt to load a pack folder, for the timeline. */
export interface LoadAttempt {
  packName: string;
  success: boolean;
  /** `dependency`: loaded again because a pack it waited for loaded. */
  trigger: 'load' | 'file' | 'manual' | 'dependency';
  changedFiles: string[];
  durationMs: number;
  failure?: ReloadFailure;
}

/** Where a load failed: the loader's error carries the file, line and column (relative to the pack folder). */
export function failureOf(err: unknown): ReloadFailure {
  const cause = (err as { cause?: unknown } | undefined)?.cause as { relativeFile?: unknown; line?: unknown; column?: unknown; detail?: unknown; name?: unknown } | undefined;
  if (cause && typeof cause.relativeFile === 'string' && typeof cause.line === 'number') {
    return {
      message: `${typeof cause.name === 'string' ? `${cause.name}: ` : ''}${typeof cause.detail === 'string' ? cause.detail : errorMessage(err)}`,
      phase: 'build',
      file: cause.relativeFile,
      line: cause.line,
      ...(typeof cause.column === 'number' ? { column: cause.column } : {}),
    };
  }
  return { message: errorMessage(err), phase: 'build' };
}

/**
 * Loads the studio's packs from their folders: the ones `content` names (or
 * every pack in the packs folder), then the dependencies they name. Unlike
 * the server, the studio starts even when a pack does not compile: that is
 * when its author most needs the editor. Such a pack is kept as unloaded,
 * shown as failed, and loaded again when one of its files changes.
 */
export class PackLoader {
  private readonly unloaded = new Map<string, UnloadedPack>();

  constructor(
    private readonly engine: GameEngine,
    private readonly report: (attempt: LoadAttempt) => void,
  ) {}

  async loadAll(content: readonly string[], packsDir: string): Promise<void> {
    const dirs = content.length > 0 ? content.map((c) => resolvePackDir(c, packsDir)) : discoverPacks(packsDir).map((p) => p.dir);
    for (const dir of dirs) await this.load(dir, 'load', []);
    const available = new Map(discoverPacks(packsDir).map((p) => [p.name, p.dir]));
    const missing = () =>
      this.engine
        .listPacks()
        .flatMap((record) => record.manifest.dependencies ?? [])
        .filter((dep, i, all) => all.indexOf(dep) === i && !this.engine.getPack(dep) && !this.unloaded.has(dep) && available.has(dep));
    for (let next = missing(); next.length > 0; next = missing()) {
      for (const dep of next) await this.load(available.get(dep) ?? join(packsDir, dep), 'load', []);
    }
  }

  list(): UnloadedPack[] {
    return [...this.unloaded.values()];
  }

  get(name: string): UnloadedPack | undefined {
    return this.unloaded.get(name);
  }

  /** Tries an unloaded pack again (its files changed, or the author asked); true when it loaded. */
  async retry(name: string, trigger: 'file' | 'manual', changedFiles: string[] = []): Promise<boolean> {
    const pack = this.unloaded.get(name);
    return pack ? this.load(pack.dir, trigger, changedFiles) : false;
  }

  /** Loads again the unloaded packs that failed because this one was not loaded. */
  private async loadDependants(name: string): Promise<void> {
    for (const pack of [...this.unloaded.values()]) {
      if (this.unloaded.has(pack.name) && pack.waitingFor === name) await this.load(pack.dir, 'dependency', []);
    }
  }

  private async load(dir: string, trigger: LoadAttempt['trigger'], changedFiles: string[]): Promise<boolean> {
    const name = basename(dir);
    const started = performance.now();
    try {
      const record = await this.engine.loadPackFromPath(dir, { retryDependants: false });
      this.unloaded.delete(name);
      // Only a retry is news for the timeline; the first load of a healthy pack is not a reload.
      if (trigger !== 'load') {
        this.report({ packName: record.name, success: true, trigger, changedFiles, durationMs: performance.now() - started });
        // Then what waited for it: packs that failed to load, and packs not loaded at all.
        await this.engine.hotReload.retryFailedDependants(record.name);
        await this.loadDependants(record.name);
      }
      return true;
    } catch (err) {
      const failure = failureOf(err);
      const waitingFor = missingPackOf(err);
      this.unloaded.set(name, { name, dir, failure, ...(waitingFor !== undefined ? { waitingFor } : {}) });
      this.engine.logger.error(`Studio: pack '${name}' could not be loaded from ${dir}: ${errorMessage(err)}. Fix it and save: the studio loads it again.`);
      this.report({ packName: name, success: false, trigger, changedFiles, durationMs: performance.now() - started, failure });
      return false;
    }
  }
}
