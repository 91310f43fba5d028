import { boundField } from './core/log-fields';
import { consoleSinkFor, Logger, type LogSink } from './core/logger';
import { getSettings, type Settings } from './core/settings';
import { PackError, errorMessage } from './core/errors';
import { runInPack } from './core/pack-context';
import { Signal } from './core/signal';
import { Timers } from './core/timers';
import { CutOffError, RunawayGuard, cutOffIn, type CutOff, type PackCall } from './core/runaway-guard';
import { GuardedQueue } from './core/guarded-queue';
import { RunawayReports, type RunawayReportOptions } from './hot-reload/runaway-reports';
import type { CutOffRecord } from './hot-reload/types';
import { World } from './ecs/world';
import type { Entity } from './ecs/entity';
import { CommandRegistry, type CommandEntry } from './commands/registry';
import { parseCommandLine } from './commands/parse';
import type { PlayerSession } from './commands/define';
import { UsageError } from './core/errors';
import { SessionDirectory } from './sessions/session-directory';
import { SystemScheduler } from './systems/scheduler';
import { TickLoop } from './systems/tick-loop';
import { contractViolations, packLabel, type ContentPack, type PackManifest } from './packs/contract';
import { dependantsIn, orderPacks } from './packs/order';
import { activatePack, deactivatePack, type ActivePack } from './packs/activation';
import { HotReloadManager } from './hot-reload/manager';
import { existsSync } from 'node:fs';
import { readPackFolder } from './packs/from-path';
import { packEntry, whyNotAPack } from './packs/discover';
import { ContentLayer, type PreparedContent } from './content/layer';
import { preparePackContent } from './content/pack-content';
import { ContentError } from './content/errors';

export type PackStatus = 'pending' | 'loaded' | 'failed';

export interface PackRecord {
  readonly name: string;
  manifest: PackManifest;
  pack: ContentPack;
  status: PackStatus;
  error?: string;
  /** What the loaded version registered; absent unless status is 'loaded'. */
  active?: ActivePack;
  /** Folder the pack was loaded from, when it came from disk. */
  dir?: string;
}

export interface LoadPackOptions {
  /**
   * After start, a pack that loads gives the packs that failed for want of
   * it another go (as reloads with trigger 'dependency'). Default true; false
   * leaves that to the caller (`hotReload.retryFailedDependants`).
   */
  retryDependants?: boolean;
}

export interface GameEngineOptions {
  /** Where log records go; default: the console, with timestamps as `settings.logTimestamps` says. */
  logSinks?: LogSink[];
  /** Called just before a pack activates (onLoad, systems): a process host learns which pack was starting if the process dies. */
  onPackActivating?: (packName: string) => void;
}

/**
 * The running game: the world, the packs that fill it with content, the
 * systems ticking over it and the commands players type.
 */
export class GameEngine {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly world: World;
  readonly commands = new CommandRegistry();
  readonly scheduler: SystemScheduler;
  readonly timers: Timers;
  readonly tickLoop: TickLoop;
  /** Cuts off pack code that runs synchronously longer than `settings.runawayMs`. */
  readonly runaway: RunawayGuard;
  /** Command handlers that arrive together run in one guarded batch. */
  private readonly commandQueue: GuardedQueue;
  private readonly runawayReports: RunawayReports;
  /**
   * Fired by start() once the added packs have been read and before any of
   * them activates: persistence restores the saved world here, so that the
   * packs' onLoad finds their rooms and NPCs (ensureEntity) instead of making
   * duplicates. A listener that throws makes start() throw, nothing activated.
   */
  readonly beforeActivate: Signal<{ packs: PackRecord[] }>;
  /** Fired after each tick's systems ran: persistence commits, sessions flush output. */
  readonly afterTick: Signal<{ tick: number; delta: number }>;
  /** Fired by stop() after the last tick and before packs unload. */
  readonly beforeStop: Signal<void>;
  /** Fired when a pack finished loading, unloading or failed (studio, server status). */
  readonly packChanged: Signal<PackRecord>;

  /** Which session plays which entity. */
  readonly sessions = new SessionDirectory();

  /** Hot reload of packs and modules: the reload transaction, hooks, history. */
  readonly hotReload: HotReloadManager;

  /** The world as data: every pack's area files (rooms, prototypes, spawns), validated and applied. */
  readonly content: ContentLayer;

  private readonly packs = new Map<string, PackRecord>();
  private started = false;
  /** Set while a reload swaps code: commands wait for it rather than see a half-swapped pack. */
  private exclusive: Promise<unknown> | undefined;

  constructor(settings: Settings = getSettings(), private readonly options: GameEngineOptions = {}) {
    this.settings = settings;
    this.logger = new Logger(settings.logLevel, options.logSinks ?? [consoleSinkFor(settings.logTimestamps)]);
    this.runaway = new RunawayGuard(settings.runawayMs);
    this.commandQueue = new GuardedQueue({ guard: this.runaway, holdWhile: () => this.exclusive });
    this.runawayReports = new RunawayReports(this.logger, () => this.hotReload);
    const report = (what: string) => (err: unknown) => this.logger.error(`${what}: ${this.describeError(err)}`);
    this.world = new World((event, packName, err) =>
      this.logger.error(`Event handler for '${event}'${packName ? ` of pack '${packName}'` : ''} failed: ${this.describeError(err)}`),
    );
    this.world.events.guardWith(this.runaway, (cutOff) => this.reportRunaway(cutOff, "the event's other handlers still ran"));
    this.world.output = (id, text) => this.sessions.send(id, text);
    this.world.isOnline = (id) => this.sessions.isOnline(id);
    this.world.dataOutput = (id, pkg, data) => this.sessions.sendData(id, pkg, data);
    this.scheduler = new SystemScheduler({
      logger: this.logger,
      failureLimit: settings.systemFailureLimit,
      describeError: (e) => this.describeError(e),
      guard: this.runaway,
      onRunaway: (entry, runaway) => void this.runawayReports.system(entry, runaway),
    });
    this.timers = new Timers(this.logger, {
      guard: this.runaway,
      cutOff: (cutOff) => this.reportRunaway(cutOff, 'the timer is cleared'),
      describeError: (e) => this.describeError(e),
    });
    this.beforeActivate = new Signal((err) => {
      throw err;
    });
    this.afterTick = new Signal(report('After-tick listener failed'));
    this.beforeStop = new Signal(report('Stop listener failed'));
    this.packChanged = new Signal(report('Pack listener failed'));
    this.tickLoop = new TickLoop(settings.tickRate, (delta) => this.tick(delta), report('Tick failed'));
    this.hotReload = new HotReloadManager(this);
    this.content = new ContentLayer(this.world);
    this.afterTick.on(({ delta }) => this.content.tick(delta));
  }

  /** Reads and validates a pack's area files (throws a ContentError naming file:line:column). */
  prepareContent(record: PackRecord, pack: ContentPack = record.pack): PreparedContent {
    return preparePackContent({ content: this.content, world: this.world, runaway: this.runaway, isPending: (n) => this.packs.get(n)?.status === 'pending' }, record, pack);
  }

  /** Runs `fn` with player commands held back until it is done (reloads use this). */
  async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive.catch(() => {});
    const run = fn();
    this.exclusive = run;
    try {
      return await run;
    } finally {
      if (this.exclusive === run) this.exclusive = undefined;
    }
  }

  get isStarted(): boolean {
    return this.started;
  }

  // ---- errors ----

  /** An error as one line; from pack code loaded from disk, with its original file:line:column. */
  describeError(err: unknown): string {
    return this.hotReload.describeError(err) ?? errorMessage(err);
  }

  // ---- runaway pack code ----

  /** Reports pack code that was cut off: the log, the reload timeline, `hotReload.onCutOff`. */
  reportRunaway(cutOff: CutOff, consequence: string, options: RunawayReportOptions = {}): CutOffRecord {
    return this.runawayReports.cutOff(cutOff, consequence, options);
  }

  // ---- packs ----

  /**
   * Adds a pack. Before start() it waits for start(); after, it loads at once.
   * A malformed pack or a duplicate name throws here; a pack that fails while
   * loading is marked failed and logged, and the engine keeps running.
   */
  loadContentPack(pack: ContentPack, dir?: string, options: LoadPackOptions = {}): Promise<PackRecord> {
    const name = this.admit(pack, dir);
    const record: PackRecord = { name, manifest: { ...pack.manifest }, pack, status: 'pending', ...(dir ? { dir } : {}) };
    this.packs.set(name, record);
    return this.started ? this.activateLate(record, options) : Promise.resolve(record);
  }

  /** Loads a pack added after start; then the packs that failed for want of it get another go. */
  private async activateLate(record: PackRecord, options: LoadPackOptions): Promise<PackRecord> {
    await this.activatePending();
    if (record.status === 'loaded' && options.retryDependants !== false) await this.hotReload.retryFailedDependants(record.name);
    return record;
  }

  /**
   * Reads a pack folder (its entry, package.json `main` or `src/pack.ts`, and what it imports) through the
   * engine's own module loader, so it can be hot-reloaded, and adds it like
   * loadContentPack. A file that does not compile is an error naming it.
   */
  async loadPackFromPath(dir: string, options: LoadPackOptions = {}): Promise<PackRecord> {
    if (!existsSync(dir)) throw new PackError(`No pack folder at ${dir}`);
    const entry = packEntry(dir);
    if (entry === undefined) throw new PackError(`${dir} is not a pack folder: ${whyNotAPack(dir)}`);
    let read: ReturnType<typeof readPackFolder>;
    try {
      read = readPackFolder(this, dir, entry);
    } catch (err) {
      throw new PackError(`Cannot load the pack in ${dir}: ${this.describeError(err)}`, undefined, { cause: err });
    }
    const { pack, source } = read;
    // Its source first, so errors while it activates are reported at their original file:line.
    await this.hotReload.setSource(this.admit(pack, source.dir), source);
    return this.loadContentPack(pack, source.dir, options);
  }

  /** Checks that a pack may be added: it follows the contract and its name is free. Returns the name. */
  private admit(pack: ContentPack, dir?: string): string {
    const problems = contractViolations(pack);
    if (problems.length > 0) throw new PackError(`Cannot load pack ${packLabel(pack)}${dir ? ` from ${dir}` : ''}: ${problems.join('; ')}`);
    const name = pack.manifest.name;
    const existing = this.packs.get(name);
    if (existing) {
      const where = (d?: string) => (d ? ` from ${d}` : '');
      throw new PackError(`Pack '${name}'${where(dir)} has the same name as the pack '${name}' already loaded${where(existing.dir)}`, name);
    }
    return name;
  }

  getPack(name: string): PackRecord | undefined {
    return this.packs.get(name);
  }

  listPacks(): PackRecord[] {
    return [...this.packs.values()];
  }

  /** Packs that name this one as a dependency, directly or not, in load order. */
  dependantsOf(name: string): string[] {
    return dependantsIn([...this.packs.values()].map((r) => r.manifest), name);
  }

  /** Unloads a pack (and, first, every pack that depends on it), disposing all they registered. */
  async unloadPack(name: string): Promise<void> {
    const record = this.packs.get(name);
    if (!record) throw new PackError(`No pack named '${name}' is loaded`, name);
    for (const dependant of this.dependantsOf(name).reverse()) await this.unloadPack(dependant);
    if (record.active) await deactivatePack(this, record.active);
    this.packs.delete(name);
    this.content.forget(name);
    await this.hotReload.setSource(name, undefined);
    this.logger.info(`Unloaded pack '${name}'`);
  }

  private async activatePending(): Promise<void> {
    const pending = [...this.packs.values()].filter((r) => r.status === 'pending');
    const loaded = new Set([...this.packs.values()].filter((r) => r.status === 'loaded').map((r) => r.name));
    const { order, failed } = orderPacks(pending.map((r) => r.manifest), loaded);
    for (const [name, err] of failed) this.markFailed(this.packs.get(name), err.message);
    for (const name of order) {
      const record = this.packs.get(name);
      if (!record || record.status !== 'pending') continue;
      const brokenDep = (record.manifest.dependencies ?? []).find((d) => this.packs.get(d)?.status !== 'loaded');
      if (brokenDep) {
        this.markFailed(record, `Pack '${name}' depends on '${brokenDep}', which failed to load`);
        continue;
      }
      try {
        this.options.onPackActivating?.(name);
        const content = this.prepareContent(record);
        record.active = await activatePack(this, record.pack);
        try {
          this.content.apply(content);
          this.content.commit(content);
        } catch (err) {
          await deactivatePack(this, record.active);
          throw err;
        }
        record.status = 'loaded';
        delete record.error;
        const a = record.active;
        this.logger.info(`Loaded pack '${name}' v${boundField(record.manifest.version, 64)}: ${a.systems.length} system(s), ${a.commands.length} command(s), ${a.components.length} component(s)`);
        await this.packChanged.fire(record);
      } catch (err) {
        const cutOff = cutOffIn(err);
        if (cutOff) this.reportRunaway(cutOff, `pack '${name}' is not loaded`);
        const where = err instanceof ContentError ? `${err.where}: ` : '';
        this.markFailed(record, err instanceof ContentError ? `Pack '${name}': content is not valid: ${where}${err.message}` : errorMessage(err));
      }
    }
  }

  private markFailed(record: PackRecord | undefined, message: string): void {
    if (!record) return;
    record.status = 'failed';
    record.error = message;
    delete record.active;
    this.logger.error(message);
    void this.packChanged.fire(record);
  }

  /** A running system by pack and name (the current version after any reload). */
  findSystem<T = unknown>(packName: string, name: string): T | undefined {
    return this.scheduler.entriesOf(packName).find((e) => e.name === name)?.system as T | undefined;
  }

  // ---- lifecycle ----

  /**
   * Loads the added packs in dependency order and starts ticking. With
   * `autoTick: false` the tick loop stays still and ticks run by `tick()`
   * (tests, the dev shell).
   */
  async start(options: { autoTick?: boolean } = {}): Promise<void> {
    if (this.started) return;
    await this.beforeActivate.fire({ packs: this.listPacks().filter((p) => p.status === 'pending') });
    this.started = true;
    await this.activatePending();
    if (options.autoTick !== false) this.tickLoop.start();
    const loaded = this.listPacks().filter((p) => p.status === 'loaded').length;
    this.logger.info(`Engine started: ${loaded} pack(s) loaded, ticking at ${this.settings.tickRate} Hz`);
  }

  async stop(): Promise<void> {
    await this.hotReload.disableWatching();
    if (!this.started) return;
    await this.tickLoop.stop();
    await this.beforeStop.fire();
    const loaded = this.listPacks().filter((p) => p.active);
    for (const record of loaded.reverse()) {
      if (record.active) await deactivatePack(this, record.active);
      delete record.active;
      record.status = 'pending';
    }
    this.started = false;
    this.logger.info('Engine stopped');
  }

  /** One tick: every system in priority order, then the after-tick listeners. */
  async tick(delta = 1 / this.settings.tickRate): Promise<void> {
    await this.scheduler.runTick(delta);
    await this.afterTick.fire({ tick: this.tickLoop.ticks, delta });
  }

  // ---- commands ----

  /**
   * Runs a line a player typed. What the player should read goes to the
   * session: the command's output, or why it could not run.
   */
  async executeCommand(session: PlayerSession, actor: Entity, line: string): Promise<void> {
    const parsed = parseCommandLine(line);
    if (parsed.word === '') return;
    while (this.exclusive) await this.exclusive.catch(() => {});
    let entry: CommandEntry | undefined;
    try {
      // Resolved when the batch runs, after any reload that started meanwhile.
      await this.commandQueue.submit(() => {
        entry = this.commands.resolve(parsed.word);
        if (!entry) {
          const suggestion = this.commands.suggest(parsed.word);
          session.send(`Unknown command '${parsed.word}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Type 'help' for a list of commands.`);
          return undefined;
        }
        const { command, packName } = entry;
        const frame = this.packs.get(packName)?.active?.frame;
        const ctx = { actor, args: parsed.args, rest: parsed.rest, invokedAs: parsed.word, session, world: this.world, engine: this };
        const call: PackCall = { kind: 'command', packName, name: command.name, fn: command.handler };
        return this.runaway.within(call, () => (frame ? runInPack(frame, () => command.handler(ctx)) : command.handler(ctx)));
      });
    } catch (err) {
      if (err instanceof CutOffError) {
        const record = this.reportRunaway(err.cutOff, 'the player was told; the game goes on');
        session.send(`${record.message.slice(0, -(record.consequence.length + 2))}. The error has been logged.`);
        return;
      }
      if (!entry) throw err;
      if (err instanceof UsageError) {
        session.send(err.message || `Usage: ${entry.command.usage ?? entry.command.name}`);
        return;
      }
      this.logger.error(`Command '${entry.command.name}' of pack '${entry.packName}' failed: ${this.describeError(err)}`);
      session.send(`Something went wrong running '${entry.command.name}'. The error has been logged.`);
    }
  }
}
