import { join, relative } from 'node:path';
import { Signal } from '../core/signal';
import type { Disposable } from '../core/disposable';
import type { ContentPack } from '../packs/contract';
import type { GameEngine } from '../engine';
import { HookRunner } from './hooks';
import type { PackSource } from './pack-source';
import { runReload } from './transaction';
import { reloadLogLines } from './format';
import { PackWatcher } from './watcher';
import type { CutOffRecord, HookName, HotReloadHook, ReloadOptions, ReloadResult, TimelineEntry } from './types';
import type { PackCall } from '../core/runaway-guard';
import type { RunningFrame } from '../core/runaway-locator';
import { displayPath } from '../loader/errors';

/** How many results `getReloadHistory()` keeps; older ones are dropped so the history never grows without bound. */
export const HISTORY_LIMIT = 500;

/** `engine.hotReload`: reloads packs and modules as transactions, one at a time per pack. */
export class HotReloadManager {
  private readonly hooks: HookRunner;
  private readonly history: ReloadResult[] = [];
  private readonly timeline: TimelineEntry[] = [];
  private readonly sources = new Map<string, PackSource>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private watcher: PackWatcher | undefined;
  /** Fired with every result, successful or not (the studio's timeline, the admin API). */
  readonly onReload: Signal<ReloadResult>;

  /** Fired when pack code was cut off or an async update left behind, in a reload or not (the timeline, a host process). */
  readonly onCutOff: Signal<CutOffRecord>;

  constructor(private readonly engine: GameEngine) {
    this.hooks = new HookRunner(engine.runaway);
    this.onReload = new Signal((err) => engine.logger.error(`Reload listener failed: ${String(err)}`));
    this.onCutOff = new Signal((err) => engine.logger.error(`Cut-off listener failed: ${String(err)}`));
  }

  registerHook(name: HookName, fn: HotReloadHook): Disposable {
    return this.hooks.register(name, fn);
  }

  /** Tells the manager where a pack's code lives, so a reload can read it again. */
  async setSource(packName: string, source: PackSource | undefined): Promise<void> {
    if (source) {
      this.sources.set(packName, source);
      await this.watcher?.watch(packName, join(source.dir, 'src'), source.dir, join(source.dir, 'areas'));
    } else {
      this.sources.delete(packName);
      await this.watcher?.unwatch(packName);
    }
  }

  getSource(packName: string): PackSource | undefined {
    return this.sources.get(packName);
  }

  /** An error from some pack's code as one line with its original file:line:column. */
  describeError(err: unknown): string | undefined {
    for (const source of this.sources.values()) {
      const text = source.describe(err);
      if (text) return text;
    }
    return undefined;
  }

  /** The pack an error comes from (the innermost frame of its code) and the error as one source-mapped line. */
  errorOrigin(err: unknown): { packName: string; text: string } | undefined {
    for (const [packName, source] of this.sources) {
      const text = source.describe(err);
      if (text) return { packName, text };
    }
    return undefined;
  }

  /** Watches the source folder of every pack loaded from disk, now and as more load. */
  async enableWatching(debounceSeconds = this.engine.settings.watchDebounce): Promise<void> {
    if (this.watcher) return;
    this.watcher = new PackWatcher({
      logger: this.engine.logger,
      debounceSeconds,
      reload: (name, changedFiles) => this.reloadPack(name, undefined, { trigger: 'file', changedFiles }),
    });
    for (const [name, source] of this.sources) await this.watcher.watch(name, join(source.dir, 'src'), source.dir, join(source.dir, 'areas'));
  }

  async disableWatching(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
  }

  /** The packs being watched, and where (the seed's `watcher.watched_packs`). */
  get watchedPacks(): { name: string; dir: string }[] {
    return this.watcher?.watchedPacks ?? [];
  }

  getReloadHistory(): ReloadResult[] {
    return [...this.history];
  }

  /** Reload results and cut-offs, oldest first (the studio's timeline); at most HISTORY_LIMIT entries. */
  getTimeline(): TimelineEntry[] {
    return [...this.timeline];
  }

  /** Adds a cut-off to the timeline and tells the listeners. */
  recordCutOff(record: CutOffRecord): void {
    this.pushTimeline({ type: 'cut-off', record });
    void this.onCutOff.fire(record);
  }

  /**
   * Where a pack call that was cut off is, as near as can be told: the
   * module whose top level ran, or where its function is defined. File
   * relative to the pack folder.
   */
  locateCall(call: PackCall, running: readonly RunningFrame[] = []): CutOffRecord['location'] {
    const source = call.packName === undefined ? undefined : this.sources.get(call.packName);
    if (!source) return undefined;
    const rel = (file: string) => displayPath(source.dir, file);
    if (call.kind === 'module') {
      const at = source.takeInterruptedModule?.(running);
      return at?.file ? { ...at, file: rel(at.file), kind: 'module' } : undefined;
    }
    // Where it was running, when the locator sampled the stack; else where the function is defined.
    const runningAt = running.length > 0 ? this.locateRunning(running) : undefined;
    if (runningAt) return runningAt;
    const at = call.fn && source.locateFunction?.(call.fn);
    return at?.file ? { ...at, file: rel(at.file), kind: 'definition' } : undefined;
  }

  /** The innermost sampled frame in any pack's code (the running code may be another pack's than the call's). */
  private locateRunning(running: readonly RunningFrame[]): CutOffRecord['location'] {
    for (const frame of running) {
      for (const source of this.sources.values()) {
        const at = source.locateRunning?.([frame]);
        if (at?.file) return { ...at, file: displayPath(source.dir, at.file), kind: 'running' };
      }
    }
    return undefined;
  }


  /** True while a reload of the pack runs or waits. */
  isReloading(packName: string): boolean {
    return this.queues.has(packName);
  }

  /**
   * Reloads a pack: from `newPack` when given, else from its files (only the
   * changed ones and their importers are evaluated again). Packs that depend
   * on it are reloaded after it, in order. Never throws: the result says
   * what happened.
   */
  reloadPack(name: string, newPack?: ContentPack, options: ReloadOptions = {}): Promise<ReloadResult> {
    return this.enqueue(name, async () => {
      // A reload asked for from the files takes the saves still in the watcher's quiet time with it.
      const absorbed = !newPack && options.trigger !== 'file' && !options.changedFiles ? (this.watcher?.takePending(name) ?? []) : [];
      const result = await this.reloadOne(name, newPack, options, absorbed);
      if (result.success) await this.reloadDependants(name, false);
      return result;
    });
  }

  /**
   * Tries again the packs that depend on this one and failed (it was not
   * loaded, or broken, when they loaded): the engine calls this when the
   * pack loads after start.
   */
  async retryFailedDependants(name: string): Promise<void> {
    await this.reloadDependants(name, true);
  }

  /** Reloads, in order, the packs that depend on this one: the loaded ones (unless `onlyFailed`) and the failed ones. */
  private async reloadDependants(name: string, onlyFailed: boolean): Promise<void> {
    for (const dependant of this.engine.dependantsOf(name)) {
      const status = this.engine.getPack(dependant)?.status;
      if (status === 'failed' || (status === 'loaded' && !onlyFailed)) {
        await this.enqueue(dependant, () => this.reloadOne(dependant, undefined, { trigger: 'dependency' }));
      }
    }
  }

  /** Reloads the pack holding a module: `systems/combat.ts` (within a pack), `combat.systems.combat`. */
  async reloadModule(moduleId: string, options: ReloadOptions = {}): Promise<ReloadResult> {
    const matches: { pack: string; file: string }[] = [];
    for (const [pack, source] of this.sources) {
      const file = source.resolveModule(moduleId);
      if (file) matches.push({ pack, file });
    }
    const match = matches[0];
    if (!match || matches.length > 1) {
      const why = matches.length > 1 ? `it matches modules of several packs (${matches.map((m) => m.pack).join(', ')}); put the pack name first, e.g. ${matches[0]?.pack}.${moduleId}` : 'no loaded pack has such a module';
      return this.failure(match?.pack ?? moduleId, options, `Cannot reload module '${moduleId}': ${why}`);
    }
    return this.reloadPack(match.pack, undefined, { trigger: options.trigger ?? 'manual', changedFiles: [match.file] });
  }

  /** `absorbed`: saves taken from the watcher, shown as this reload's changed files (it reads every file anyway). */
  private async reloadOne(name: string, newPack: ContentPack | undefined, options: ReloadOptions, absorbed: string[] = []): Promise<ReloadResult> {
    const record = this.engine.getPack(name);
    if (!record) return this.failure(name, options, `No pack named '${name}' is loaded; loaded packs: ${this.engine.listPacks().map((p) => p.name).join(', ') || 'none'}`);
    const source = this.sources.get(name);
    const result = await this.engine.runExclusive(() =>
      runReload(this.engine, this.hooks, {
        record,
        ...(newPack ? { newPack } : {}),
        ...(source ? { source } : {}),
        trigger: options.trigger ?? 'api',
        changedFiles: options.changedFiles ?? [],
      }),
    );
    if (!result.success && record.status !== 'loaded') record.error = result.error?.message;
    if (absorbed.length > 0) result.changedFiles = absorbed.map((file) => (source ? relative(source.dir, file) : file));
    return this.record(result);
  }

  private failure(name: string, options: ReloadOptions, message: string): ReloadResult {
    return this.record({
      packName: name,
      success: false,
      elapsedTime: 0,
      migrationsRun: 0,
      rolledBack: false,
      error: { message, phase: 'build' },
      trigger: options.trigger ?? 'api',
      changedFiles: [],
      timestamp: Date.now(),
      stateDiff: { systems: {}, components: {} },
      reevaluated: [],
    });
  }

  private pushTimeline(entry: TimelineEntry): void {
    this.timeline.push(entry);
    if (this.timeline.length > HISTORY_LIMIT) this.timeline.splice(0, this.timeline.length - HISTORY_LIMIT);
  }

  private record(result: ReloadResult): ReloadResult {
    this.history.push(result);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    this.pushTimeline({ type: 'reload', result });
    for (const line of reloadLogLines(result)) this.engine.logger.log(line.level, line.message);
    void this.onReload.fire(result);
    return result;
  }

  private enqueue<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(name) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => {});
    this.queues.set(name, tail);
    void tail.then(() => {
      if (this.queues.get(name) === tail) this.queues.delete(name);
    });
    return run;
  }
}
