import { join } from 'node:path';
import { consoleSink, discoverPacks, errorMessage, getSettings, Logger, resolvePackDir, type CutOffRecord, type DataDirLock, type LogLevel, type ReloadResult, type Settings } from '../../engine/host';
import type { AdminPackInfo } from '../../engine/admin';
import { GMCP_SUBPROTOCOL } from '../../engine/server';
import { Gateway, type GatewayEngineEvent } from '../../gateway/gateway';
import { StudioError } from '../../shared/errors';
import type { GameEndpoint, PackProblems, PackTestRun, PackTree, ReloadEntry, ReloadStateDiff, TypeLibrary } from '../../shared/model';
import { ReloadTimeline } from '../api/reload-entries';
import { PackFiles } from '../files/pack-files';
import { TreeWatcher } from '../files/tree-watcher';
import { findRepoRoot } from '../paths';
import { loadEngineDeclarations } from '../types/engine-declarations';
import { EventHub } from './event-hub';
import { LogBuffer } from './log-buffer';
import { summaryOf, unreadSummary, type UnreadPack } from './pack-summary';
import { lockDataDir } from './studio-lock';
import { StudioMap } from './studio-map';
import { StudioWorld } from './studio-world';
import { PackTests } from './pack-tests';
import { TypeChecks } from './type-checks';

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
  /** Extra settings for the engine (tests: a short MAID_ENGINE_TIMEOUT, say). */
  settings?: Partial<Settings>;
}

/**
 * The studio's host, a gateway like `maid server start`: the engine, its
 * packs and their watcher run in a supervised child process, so whatever a
 * pack does (loop forever, exit, eat memory) the studio keeps answering and
 * the author can fix it. The host keeps what the studio shows: the pack
 * files and their tree, the timeline of what the engine reports (reloads,
 * loads, cut-offs, restarts), the log, the type checks, and the game's
 * endpoint for the terminal. Transports sit on top (IPC, HTTP).
 */
export class StudioHost {
  readonly timeline = new ReloadTimeline();
  readonly files: PackFiles;
  readonly logs: LogBuffer;
  /** The World panel: entities, edits and their undo, the watched entities. */
  readonly world: StudioWorld;
  readonly map: StudioMap;
  private readonly treeWatcher: TreeWatcher;
  private gateway: Gateway | undefined;
  private endpoint: GameEndpoint = { available: false, reason: 'The game server is starting' };
  /** Each pack's folder as the engine last listed it (loaded or not): file access needs it at once. */
  private readonly dirs = new Map<string, string>();
  private packNames: string[] = [];
  private typeLibraries: Promise<TypeLibrary[]> | undefined;
  private packsTimer: NodeJS.Timeout | undefined;
  private lock: DataDirLock | undefined;
  private stopped = false;
  /** The packs' TypeScript problems, checked in a worker after each reload (none outside a checkout with TypeScript). */
  private typeChecks: TypeChecks | undefined;
  private firstCheck: NodeJS.Timeout | undefined;
  private restarting: Promise<ReloadEntry> | undefined;
  /** The editor's unsaved files by pack, as it last said. */
  private readonly unsaved = new Map<string, string[]>();
  /** The packs' tests, run in processes of their own (none outside a checkout: the runner is its bin/maid.mjs). */
  tests: PackTests | undefined;

  private constructor(
    readonly logger: Logger,
    readonly settings: Settings,
    readonly mode: 'electron' | 'web',
    logs: LogBuffer,
    readonly events: EventHub,
    private readonly consoleLog: boolean,
  ) {
    this.logs = logs;
    this.files = new PackFiles((pack) => this.dirs.get(pack));
    this.world = new StudioWorld({
      ask: (op, body) => this.ask(op, body),
      timeline: this.timeline,
      recorded: (entry) => this.events.emit({ type: 'reload', entry }),
      changed: (delta) => this.events.emit({ type: 'entity', delta }),
      warn: (message) => this.logger.warn(message),
    });
    this.map = new StudioMap({
      ask: (op, body) => this.ask(op, body),
      moved: (delta) => this.events.emit({ type: 'map', delta }),
      warn: (message) => this.logger.warn(message),
    });
    this.treeWatcher = new TreeWatcher({
      treeChanged: () => this.announcePacks(),
      fileChanged: (pack, path, version) => this.events.emit({ type: 'file-changed', pack, path, version }),
    });
  }

  static async start(options: StudioHostOptions): Promise<StudioHost> {
    const overrides: Partial<Settings> = { ...options.settings, watch: true };
    if (options.packsDir !== undefined) overrides.packsDir = options.packsDir;
    if (options.dataDir !== undefined) overrides.dataDir = options.dataDir;
    if (options.watchDebounce !== undefined) overrides.watchDebounce = options.watchDebounce;
    if (options.gameHost !== undefined) overrides.host = options.gameHost;
    if (options.gamePort !== undefined) overrides.port = options.gamePort;
    if (options.gamePort === 0) overrides.webSocketPort = 0;
    if (options.logLevel !== undefined) overrides.logLevel = options.logLevel;
    const settings = getSettings({ overrides });

    // The log sink exists before the host (the gateway logs while it starts).
    const late: { host?: StudioHost } = {};
    const logs = new LogBuffer(
      () => late.host?.packNames ?? [],
      (entries) => late.host?.events.emit({ type: 'log', entries }),
    );
    const consoleLog = options.consoleLog !== false;
    const logger = new Logger(settings.logLevel, [...(consoleLog ? [consoleSink] : []), logs.sink]);
    const host = new StudioHost(logger, settings, options.mode, logs, options.events ?? new EventHub(), consoleLog);
    late.host = host;
    try {
      host.lock = await lockDataDir(logger, settings);
      await host.boot(options.content ?? []);
    } catch (err) {
      await host.stop().catch(() => {});
      throw err;
    }
    return host;
  }

  private async boot(content: string[]): Promise<void> {
    const { settings, logger } = this;
    const root = findRepoRoot();
    if (root) {
      this.typeChecks = new TypeChecks({ root, packsDir: settings.packsDir }, (report) => this.recordProblems(report), (message) => logger.warn(message));
      this.tests = new PackTests({ root, packsDir: settings.packsDir, dirOf: (pack) => this.dirs.get(pack), changed: (run) => this.testsChanged(run) });
    }
    const contentDirs = content.length > 0 ? content.map((c) => resolvePackDir(c, settings.packsDir)) : discoverPacks(settings.packsDir).map((p) => p.dir);
    if (contentDirs.length === 0) logger.warn(`Studio: no packs in ${settings.packsDir}; the tree is empty`);
    const gateway = await Gateway.start({
      settings,
      logger,
      contentDirs,
      allPacks: content.length === 0,
      strict: false,
      engineLogs: 'link',
      onEngine: (event) => this.engineSaid(event),
      // The studio's own code may be bundled elsewhere: the engine host's entry is found from the checkout.
      ...(root ? { engineEntry: join(root, 'bin', 'engine-host.mjs') } : {}),
    });
    this.gateway = gateway;
    const addresses = gateway.addresses;
    this.endpoint = addresses?.webSocket
      ? { available: true, url: addresses.webSocket.url, subprotocol: GMCP_SUBPROTOCOL, telnet: addresses.telnet }
      : { available: false, reason: 'The game server runs without its WebSocket endpoint (MAID_WEBSOCKET is off), so the terminal cannot connect.' };
    if (!this.endpoint.available) logger.warn(`Studio: ${this.endpoint.reason}`);
    await this.refreshPacks();
    // The first check parses the engine's sources too (seconds of CPU): it waits until the page and
    // the editor have loaded, so it never competes with the studio's start.
    this.firstCheck = setTimeout(() => {
      for (const pack of this.dirs.keys()) this.checkTypes(pack);
    }, FIRST_TYPE_CHECK_DELAY_MS);
    this.firstCheck.unref();
  }

  /** What the engine process reported: each becomes a timeline entry, a log line or a fresh pack list. */
  private engineSaid(event: GatewayEngineEvent): void {
    switch (event.t) {
      case 'reload': {
        const result = event.result as unknown as ReloadResult;
        const entry = this.timeline.add(result, event.kept as ReloadStateDiff['systems'] | undefined);
        this.recorded(entry, result.packName);
        return;
      }
      case 'load':
        this.recorded(this.timeline.addAttempt(event.attempt), event.attempt.packName);
        return;
      case 'cutoff':
        this.recorded(this.timeline.addCutOff(event.record as unknown as CutOffRecord));
        return;
      case 'down':
        this.recorded(this.timeline.addEngine('engine-down', event.cause));
        return;
      case 'up':
        this.recorded(this.timeline.addEngine('engine-up', `engine restarted (${event.cause})`, event.ms));
        this.world.engineUp();
        this.map.engineUp();
        this.resendUnsaved();
        return;
      case 'entity':
        this.world.deltas(event.deltas);
        return;
      case 'map':
        this.map.delta(event.delta);
        return;
      case 'packs':
        this.announcePacks();
        return;
      case 'log':
        for (const record of event.records) {
          const line = { ...record, level: record.level as LogLevel };
          this.logs.sink(line);
          if (this.consoleLog) consoleSink(line);
        }
        return;
    }
  }

  /** A new timeline entry: to every renderer, and the pack it concerns type-checked (and tested, if asked) after it. */
  private recorded(entry: ReloadEntry, pack?: string): void {
    this.events.emit({ type: 'reload', entry });
    this.announcePacks();
    if (!pack) return;
    this.checkTypes(pack, entry.id);
    if (entry.success && (entry.kind ?? 'reload') === 'reload' && this.tests?.runsAfterReload(pack)) {
      this.tests.run(pack, 'reload', entry.id).catch((err) => this.logger.warn(`Studio: the tests of '${pack}' after its reload did not run: ${errorMessage(err)}`));
    }
  }

  /** A test run progressed; one that followed a reload and is done puts its result on that reload's entry first. */
  private testsChanged(run: PackTestRun): void {
    if (run.reloadId !== undefined && run.state !== 'running') this.timeline.setTests(run.reloadId, { runId: run.id, passed: run.passed, failed: run.failed, ok: run.state === 'passed' });
    this.events.emit({ type: 'tests', run });
  }

  /** Type-checks a pack's files in the worker; the report reaches the renderers as a `problems` event. */
  private checkTypes(pack: string, reloadId?: number): void {
    const dir = this.dirs.get(pack);
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

  get gameEndpoint(): GameEndpoint {
    return this.endpoint;
  }

  /** Every pack with its status and file tree, the folders the engine could not read included. */
  async packTrees(): Promise<PackTree[]> {
    const { loaded, unread } = await this.refreshPacks();
    const trees = [
      ...loaded.map(async (info) => ({ pack: summaryOf(info), files: info.dir ? await this.files.tree(info.name).catch(() => []) : [] })),
      ...unread.map(async (pack) => ({
        pack: unreadSummary(pack),
        files: await this.files.tree(pack.name).catch(() => []),
      })),
    ];
    return Promise.all(trees);
  }

  /** Asks the engine for its packs; remembers their folders and watches their trees. */
  private async refreshPacks(): Promise<{ loaded: AdminPackInfo[]; unread: UnreadPack[] }> {
    const [loaded, unread] = (await Promise.all([this.ask('packs'), this.ask('unloaded')])) as [AdminPackInfo[], UnreadPack[]];
    for (const info of loaded) if (info.dir) this.dirs.set(info.name, info.dir);
    for (const pack of unread) this.dirs.set(pack.name, pack.dir);
    this.packNames = [...this.dirs.keys()];
    for (const [name, dir] of this.dirs) void this.watchTree(name, dir);
    return { loaded, unread };
  }

  /** Reloads a pack now (or tries again a folder the engine could not read) and answers with its timeline entry. */
  async reloadPack(pack: string): Promise<ReloadEntry> {
    const { unread } = await this.refreshPacks();
    if (unread.some((p) => p.name === pack)) {
      await this.ask('retry', { pack });
      const entry = this.timeline.newestFirst().find((e) => e.packName === pack);
      if (entry) return entry;
      throw new StudioError('internal', `The engine tried pack '${pack}' again but reported nothing`);
    }
    const response = (await this.ask('reload', { target: pack, type: 'pack', trigger: 'manual' })) as { result: ReloadResult };
    return this.timeline.add(response.result); // the entry the engine's reload event already made
  }

  /** Restarts the engine process (the sessions stay); answers with the restart's timeline entry. */
  restartEngine(): Promise<ReloadEntry> {
    this.restarting ??= (async () => {
      try {
        if (!this.gateway) throw new StudioError('internal', 'The game is not running');
        await this.gateway.restartEngine('requested in the studio');
        const entry = this.timeline.newestFirst().find((e) => e.kind === 'engine-up');
        if (!entry) throw new StudioError('internal', 'The engine restarted but the timeline has no entry for it');
        return entry;
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  /**
   * Tells the engine which files of a pack the editor has unsaved edits to
   * (building commands leave those alone); kept here, and told again to an
   * engine that restarted.
   */
  async setUnsaved(pack: string, files: string[]): Promise<void> {
    if (files.length === 0) this.unsaved.delete(pack);
    else this.unsaved.set(pack, files);
    await this.ask('unsaved', { pack, files });
  }

  private resendUnsaved(): void {
    for (const [pack, files] of this.unsaved) void this.ask('unsaved', { pack, files }).catch((err) => this.logger.warn(`Studio: cannot tell the engine the unsaved files of ${pack}: ${errorMessage(err)}`));
  }

  /** A question for the engine (a read the engine restarted during is asked again, by the gateway); a failure is a StudioError the renderer can show. */
  private async ask(op: Parameters<Gateway['ask']>[0], body?: unknown): Promise<unknown> {
    if (!this.gateway) throw new StudioError('internal', 'The game is not running');
    try {
      return await this.gateway.ask(op, body);
    } catch (err) {
      const kind = (err as { kind?: string }).kind;
      throw new StudioError(kind === 'not-found' ? 'not-found' : kind === 'bad-request' ? 'invalid-argument' : 'internal', errorMessage(err));
    }
  }

  private async watchTree(name: string, dir: string): Promise<void> {
    if (this.stopped) return;
    await this.treeWatcher.watch(name, dir).catch((err) => this.logger.warn(`Studio: cannot watch ${dir}: ${String(err)}`));
  }

  /** Tells every renderer the packs changed; a burst of causes makes one event. */
  announcePacks(): void {
    if (this.stopped || this.packsTimer) return;
    this.packsTimer = setTimeout(() => {
      this.packsTimer = undefined;
      if (this.stopped || this.events.size === 0) return;
      void this.packTrees().then(
        (packs) => this.events.emit({ type: 'packs', packs }),
        (err) => this.logger.debug(`Studio: the pack list is not available now: ${errorMessage(err)}`),
      );
    }, 20);
  }

  /** Declarations of `@maid/engine` for the editor, emitted once and cached. */
  engineTypes(): Promise<TypeLibrary[]> {
    this.typeLibraries ??= loadEngineDeclarations().catch((err) => {
      this.logger.warn(`Studio: no IntelliSense for @maid/engine: ${String(err)}`);
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
    this.tests?.stop();
    this.logs.drain();
    await this.typeChecks?.stop();
    await this.gateway?.stop().catch((err) => this.logger.warn(`Studio: the game did not stop cleanly: ${String(err)}`));
    await this.treeWatcher.close();
    this.lock?.release();
  }
}
