import { consoleSink, DataDirLock, GameEngine, getSettings, reportUncaughtPackErrors, type LogLevel, type PackRecord, type Settings } from '../../engine/host';
import { serverAnswers } from '../../engine/admin';
import type { GameEndpoint, PackTree, ReloadEntry } from '../../shared/model';
import { keptStateOf } from '../api/kept-state';
import { summarizePack } from '../api/pack-summaries';
import { ReloadTimeline } from '../api/reload-entries';
import { PackFiles } from '../files/pack-files';
import { TreeWatcher } from '../files/tree-watcher';
import { loadEngineDeclarations } from '../types/engine-declarations';
import type { PackProblems, TypeLibrary } from '../../shared/model';
import { EventHub } from './event-hub';
import { prepareGameServer, type StudioGameServer } from './game-server';
import { LogBuffer } from './log-buffer';
import { PackLoader, type LoadAttempt } from './pack-loader';
import { TypeChecks } from './type-checks';
import { findRepoRoot } from '../paths';

/** How long after start the packs are first type-checked (a reload before that checks its pack at once). */
const FIRST_TYPE_CHECK_DELAY_MS = 2000;

export interface StudioHostOptions {
  /** Folder holding the packs (default: settings, i.e. ./packs or MAID_PACKS_DIR). */
  packsDir?: string;
  /** Packs to load by name or path (default: every pack in the packs folder). */
  content?: string[];
  /** Folder for the world database and studio caches (default: settings). */
  dataDir?: string;
  /** Seconds of quiet after a save before the pack reloads (default: settings, 0.5). */
  watchDebounce?: number;
  /** Interface and telnet port of the game server (default: settings; the studio passes 0 for a free port in tests). */
  gameHost?: string;
  gamePort?: number;
  logLevel?: LogLevel;
  /** Also print the engine log on stdout/stderr (default true). */
  consoleLog?: boolean;
  mode: 'electron' | 'web';
  /** Where the host's events go (a transport may create it before the host). */
  events?: EventHub;
  /**
   * The host owns the process (the Electron main process, `maid studio`):
   * errors from pack code that reach the process (a global timer's throw, an
   * unhandled rejection) are logged at their pack file and line instead of
   * ending it. Left off in tests, whose runner owns the process.
   */
  ownsProcess?: boolean;
}

/**
 * The studio's host: the engine with the packs loaded from their folders,
 * the hot-reload watcher, the game server, the file tree watcher, and the
 * event stream every renderer hears. Transports sit on top (IPC, HTTP).
 */
export class StudioHost {
  readonly timeline = new ReloadTimeline();
  readonly files: PackFiles;
  readonly logs: LogBuffer;
  /** Pack folders the engine could not load, shown as failed and loaded again when they change. */
  readonly loader: PackLoader;
  private readonly treeWatcher: TreeWatcher;
  private readonly retryTimers = new Map<string, { timer: NodeJS.Timeout; files: Set<string> }>();
  private game: StudioGameServer | undefined;
  private endpoint: GameEndpoint = { available: false, reason: 'The game server is starting' };
  private typeLibraries: Promise<TypeLibrary[]> | undefined;
  private packsTimer: NodeJS.Timeout | undefined;
  private lock: DataDirLock | undefined;
  private stopped = false;
  /** The packs' TypeScript problems, checked in a worker after each reload (none outside a checkout with TypeScript). */
  private typeChecks: TypeChecks | undefined;
  private firstCheck: NodeJS.Timeout | undefined;
  private uninstallProcessErrors: (() => void) | undefined;

  private constructor(
    readonly engine: GameEngine,
    readonly settings: Settings,
    readonly mode: 'electron' | 'web',
    logs: LogBuffer,
    readonly events: EventHub,
  ) {
    this.logs = logs;
    this.loader = new PackLoader(engine, (attempt) => this.recordAttempt(attempt));
    this.files = new PackFiles((pack) => this.engine.getPack(pack)?.dir ?? this.loader.get(pack)?.dir);
    this.treeWatcher = new TreeWatcher({
      treeChanged: (pack) => {
        this.announcePacks();
        this.retryLater(pack, undefined);
      },
      fileChanged: (pack, path, version) => {
        this.events.emit({ type: 'file-changed', pack, path, version });
        this.retryLater(pack, path);
      },
    });
  }

  static async start(options: StudioHostOptions): Promise<StudioHost> {
    const overrides: Partial<Settings> = { watch: true };
    if (options.packsDir !== undefined) overrides.packsDir = options.packsDir;
    if (options.dataDir !== undefined) overrides.dataDir = options.dataDir;
    if (options.watchDebounce !== undefined) overrides.watchDebounce = options.watchDebounce;
    if (options.gameHost !== undefined) overrides.host = options.gameHost;
    if (options.gamePort !== undefined) overrides.port = options.gamePort;
    if (options.logLevel !== undefined) overrides.logLevel = options.logLevel;
    const settings = getSettings({ overrides });

    // The log sink exists before the engine (it logs while it starts) and the host after it.
    const late: { host?: StudioHost } = {};
    const logs = new LogBuffer(
      () => late.host?.engine.listPacks().map((p) => p.name) ?? [],
      (entries) => late.host?.events.emit({ type: 'log', entries }),
    );
    const engine = new GameEngine(settings, { logSinks: [...(options.consoleLog === false ? [] : [consoleSink]), logs.sink] });
    const host = new StudioHost(engine, settings, options.mode, logs, options.events ?? new EventHub());
    late.host = host;
    // The studio keeps answering whatever throws: even an error no pack explains is logged, not fatal.
    if (options.ownsProcess) host.uninstallProcessErrors = reportUncaughtPackErrors(engine, { exitWhenNotFromPack: false });
    try {
      host.lock = await lockDataDir(engine, settings);
      await host.boot(options.content ?? []);
    } catch (err) {
      await host.stop().catch(() => {});
      throw err;
    }
    return host;
  }

  private async boot(content: string[]): Promise<void> {
    const { engine, settings } = this;
    const root = findRepoRoot();
    if (root) {
      this.typeChecks = new TypeChecks({ root, packsDir: settings.packsDir }, (report) => this.recordProblems(report), (message) => engine.logger.warn(message));
    }
    engine.hotReload.onReload.on((result) => {
      const entry = this.timeline.add(result, result.success ? undefined : keptStateOf(engine.getPack(result.packName)));
      this.events.emit({ type: 'reload', entry });
      this.announcePacks();
      this.checkTypes(result.packName, entry.id); // after the result is out: never on the reload's path
    });
    engine.packChanged.on((record) => {
      void this.watchTree(record);
      this.announcePacks();
    });
    await this.loader.loadAll(content, settings.packsDir);
    if (engine.listPacks().length === 0 && this.loader.list().length === 0) engine.logger.warn(`Studio: no packs in ${settings.packsDir}; the tree is empty`);
    // The game server is made before the engine starts, so the saved world is restored first.
    this.game = prepareGameServer(engine, { host: settings.host, port: settings.port, webSocketPort: settings.port === 0 ? 0 : settings.webSocketPort });
    await engine.start();
    await engine.hotReload.enableWatching(settings.watchDebounce);
    await Promise.all(engine.listPacks().map((record) => this.watchTree(record)));
    await Promise.all(this.loader.list().map((pack) => this.watchTree({ name: pack.name, dir: pack.dir })));
    this.endpoint = await this.game.listen();
    if (!this.endpoint.available) engine.logger.warn(`Studio: ${this.endpoint.reason}`);
    // The first check parses the engine's sources too (seconds of CPU): it waits until the page and
    // the editor have loaded, so it never competes with the studio's start.
    this.firstCheck = setTimeout(() => {
      for (const record of engine.listPacks()) this.checkTypes(record.name);
    }, FIRST_TYPE_CHECK_DELAY_MS);
    this.firstCheck.unref();
  }

  /** Type-checks a pack's files in the worker; the report reaches the renderers as a `problems` event. */
  private checkTypes(pack: string, reloadId?: number): void {
    const dir = this.engine.getPack(pack)?.dir ?? this.loader.get(pack)?.dir;
    if (dir) this.typeChecks?.request(pack, dir, reloadId);
  }

  private recordProblems(report: PackProblems): void {
    if (report.reloadId !== undefined) this.timeline.setProblems(report.reloadId, report.problems.length);
    this.events.emit({ type: 'problems', report });
  }

  /** The newest TypeScript problems of each pack. */
  problems(): PackProblems[] {
    return this.typeChecks?.all() ?? [];
  }

  private async watchTree(record: Pick<PackRecord, 'name' | 'dir'>): Promise<void> {
    if (this.stopped || !record.dir) return;
    await this.treeWatcher.watch(record.name, record.dir).catch((err) => this.engine.logger.warn(`Studio: cannot watch ${record.dir}: ${String(err)}`));
  }

  get gameEndpoint(): GameEndpoint {
    return this.endpoint;
  }

  /** Every pack with its status and file tree, the ones that failed to load included. */
  async packTrees(): Promise<PackTree[]> {
    const records = this.engine.listPacks();
    const loaded = records.map(async (record) => ({
      pack: summarizePack(record, this.engine.hotReload.isReloading(record.name)),
      files: record.dir ? await this.files.tree(record.name).catch(() => []) : [],
    }));
    const unloaded = this.loader.list().map(async (pack) => ({
      pack: { name: pack.name, version: '?', status: 'failed' as const, error: pack.failure.message, dependencies: [], systems: [], commands: [], reloading: this.retryTimers.has(pack.name) },
      files: await this.files.tree(pack.name).catch(() => []),
    }));
    return Promise.all([...loaded, ...unloaded]);
  }

  /** Loads an unloaded pack again now (the author asked); undefined when the pack is not an unloaded one. */
  async retryLoad(pack: string): Promise<ReloadEntry | undefined> {
    if (!this.loader.get(pack)) return undefined;
    await this.loader.retry(pack, 'manual');
    return this.timeline.newestFirst()[0];
  }

  /** A file of an unloaded pack changed: load it again after the watcher's quiet time. */
  private retryLater(pack: string, path: string | undefined): void {
    if (this.stopped || !this.loader.get(pack)) return;
    const pending = this.retryTimers.get(pack) ?? { timer: undefined as unknown as NodeJS.Timeout, files: new Set<string>() };
    clearTimeout(pending.timer);
    if (path) pending.files.add(path);
    pending.timer = setTimeout(() => {
      this.retryTimers.delete(pack);
      void this.loader.retry(pack, 'file', [...pending.files].sort());
    }, this.settings.watchDebounce * 1000);
    this.retryTimers.set(pack, pending);
  }

  private recordAttempt(attempt: LoadAttempt): void {
    const entry = this.timeline.addAttempt(attempt);
    this.events.emit({ type: 'reload', entry });
    this.announcePacks();
    this.checkTypes(attempt.packName, entry.id);
  }

  /** Tells every renderer the packs changed; a burst of causes makes one event. */
  announcePacks(): void {
    if (this.stopped || this.packsTimer) return;
    this.packsTimer = setTimeout(() => {
      this.packsTimer = undefined;
      if (this.stopped || this.events.size === 0) return;
      void this.packTrees().then((packs) => this.events.emit({ type: 'packs', packs }));
    }, 20);
  }

  /** Declarations of `@maid/engine` for the editor, emitted once and cached. */
  engineTypes(): Promise<TypeLibrary[]> {
    this.typeLibraries ??= loadEngineDeclarations().catch((err) => {
      this.engine.logger.warn(`Studio: no IntelliSense for @maid/engine: ${String(err)}`);
      this.typeLibraries = undefined;
      return [];
    });
    return this.typeLibraries;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.packsTimer) clearTimeout(this.packsTimer);
    if (this.firstCheck) clearTimeout(this.firstCheck);
    for (const pending of this.retryTimers.values()) clearTimeout(pending.timer);
    this.logs.drain();
    await this.typeChecks?.stop();
    await this.game?.stop().catch((err) => this.engine.logger.warn(`Studio: game server did not stop cleanly: ${String(err)}`));
    await this.treeWatcher.close();
    await this.engine.stop();
    this.lock?.release();
    this.uninstallProcessErrors?.();
  }
}

/**
 * The studio takes the data directory's lock as `maid server start` does:
 * it never opens the world database of a running server. It does not attach
 * to that server either (its game, reloads and watcher are its own); the
 * message says how to run it beside one.
 */
function lockDataDir(engine: GameEngine, settings: Settings): Promise<DataDirLock> {
  return DataDirLock.acquire(settings.dataDir, {
    owner: 'maid studio',
    timeoutMs: settings.lockTimeout * 1000,
    isRunning: (holder) => serverAnswers(settings.dataDir, holder.pid),
    onWaiting: (message) => engine.logger.warn(`Studio: ${message}`),
    advice: 'Stop it, or start the studio beside it with a data directory of its own: npm run studio -- --data-dir .maid-studio',
  });
}
