/**
 * The engine host: what runs in the child process behind the gateway. It
 * owns everything that evaluates pack code (the engine, the packs and their
 * watcher, the tick, persistence, accounts and login) and talks to the
 * gateway only in link frames. Its phases, in order: boot (packs read,
 * world restored, engine started), serve (input in, output and heartbeats
 * out), stop (last tick committed, storage closed).
 */
import { basename } from 'node:path';
import { GameEngine, GameServer, MaidError, reportUncaughtPackErrors, storageFromSettings, systemName, type LogRecord, type Settings } from '../engine/host';
import { jsonForm, packInfos, runReloadRequest, serverStatus, validateReloadRequest, AdminError, type AdminRolesResponse } from '../engine/admin';
import { roleChangeOf, rolesAfter, type RoleChange } from '../engine/accounts/roles';
import { errorMessage } from '../engine/core/errors';
import { Batcher } from '../link/batcher';
import type { EngineFrame, EngineHostConfig, GatewayFrame, LinkLogRecord } from '../link/frames';
import { toJsonSafe } from '../engine/core/json-safe';
import { keptStateOf } from './kept-state';
import { BrokenPackKeeper } from './packs/broken-packs';
import { loadPacks } from './packs/load-packs';
import { folderName, NewPackFolders } from './packs/new-pack-folders';
import { InspectRequests } from './inspect-requests';
import { SessionLink } from './session-link';
import { packOutput } from '../link/line-table';

export type SendFrame = (frame: EngineFrame) => void;

export class EngineHost {
  private keeper: BrokenPackKeeper | undefined;
  private folders: NewPackFolders | undefined;
  private link: SessionLink | undefined;
  private server: GameServer | undefined;
  private inspect: InspectRequests | undefined;
  private stopping: Promise<void> | undefined;
  private readonly uninstallErrorReports: () => void;

  private constructor(
    readonly engine: GameEngine,
    private readonly config: EngineHostConfig,
    private readonly send: SendFrame,
  ) {
    // This process is the engine's: an error pack code throws outside any engine call is logged at its file and line.
    this.uninstallErrorReports = reportUncaughtPackErrors(engine);
  }

  /** Boots the engine as the gateway's config says; a failure that restarting cannot fix is a MaidError. */
  static async boot(config: EngineHostConfig, send: SendFrame): Promise<EngineHost> {
    const settings = config.settings as unknown as Settings;
    const logs = config.logs === 'link' ? new Batcher<LinkLogRecord>((records) => sendRaw({ t: 'log', records })) : undefined;
    // Log lines batch per turn; any other frame sends them first, so a host reads them in the order they happened.
    const sendRaw = send;
    send = (frame) => {
      logs?.flush();
      sendRaw(frame);
    };
    const engine = new GameEngine(settings, {
      onPackActivating: (pack) => send({ t: 'starting', pack }),
      ...(logs ? { logSinks: [(record: LogRecord) => logs.push({ level: record.level, message: record.message, time: record.time, ...(record.source ? { source: record.source } : {}) })] } : {}),
    });
    const host = new EngineHost(engine, config, send);
    try {
      await host.start(settings);
    } catch (err) {
      await host.stop(false).catch(() => {});
      throw err;
    }
    return host;
  }

  private async start(settings: Settings): Promise<void> {
    const { engine, config, send } = this;
    engine.packChanged.on((record) => {
      send({ t: 'started', pack: record.name });
      send({ t: 'packs' });
    });
    const keeper = new BrokenPackKeeper(engine, settings.watch, {
      attempted: (attempt) => {
        send({ t: 'load', attempt });
        send({ t: 'packs' });
      },
      before: (folder) => send({ t: 'starting', pack: folder }),
      // A pack read is started once it activated (packChanged above); one that could not be read is done now.
      after: (folder, loaded) => {
        if (!loaded) send({ t: 'started', pack: folder });
      },
    });
    this.keeper = keeper;
    const disabled = new Map(config.disabled.map((d) => [d.name, d.reason]));
    for (const dir of config.contentDirs.filter((d) => disabled.has(basename(d)))) keeper.keepAside(dir, disabled.get(basename(dir)) ?? 'disabled');
    await loadPacks(
      engine,
      config.contentDirs.filter((d) => !disabled.has(basename(d))),
      settings.packsDir,
      settings.watch,
      keeper,
    );
    if (config.strict) refuseBroken(keeper);
    // Made before the engine starts, so the saved world is restored before packs look for their rooms.
    const server = new GameServer(engine, storageFromSettings(settings), { host: settings.host, port: settings.port, passwordParams: { N: 2 ** settings.passwordCost, r: 8, p: 1 } });
    this.server = server;
    await engine.start();
    if (config.strict) refuseBroken(keeper); // a pack whose onLoad threw
    await server.open();
    this.link = new SessionLink(server, engine.logger, (items) => send({ t: 'output', ...packOutput(items) }));
    this.inspect = new InspectRequests(engine, send, () => server.building.writer);
    engine.afterTick.on(({ tick }) => {
      const stats = server.persistence?.stats;
      const beat: EngineFrame = { t: 'heartbeat', tick };
      if (stats?.lastTick !== undefined) beat.committedTick = stats.lastTick;
      if (stats?.savedThroughTick !== undefined) beat.savedThroughTick = stats.savedThroughTick;
      send(beat);
    });
    engine.hotReload.onReload.on((result) => {
      // toJsonSafe, not JSON: captured state may hold Maps and Sets, which the timeline shows as objects and lists.
      const frame: EngineFrame = { t: 'reload', result: toJsonSafe(result) as Record<string, unknown> };
      if (!result.success) frame.kept = keptStateOf(engine.getPack(result.packName));
      send(frame);
      send({ t: 'packs' });
    });
    engine.hotReload.onCutOff.on((record) => send({ t: 'cutoff', record: jsonForm(record) as unknown as Record<string, unknown> }));
    if (settings.watch) {
      await engine.hotReload.enableWatching(settings.watchDebounce);
      await keeper.watch(settings.watchDebounce);
      this.folders = watchNewFolders(engine, keeper, settings, config.allPacks);
      await this.folders.start();
    }
    send({ t: 'ready', summary: this.summary(), broken: keeper.broken().map((b) => b.name), watching: this.watching(settings) });
  }

  /** A frame from the gateway (already checked). */
  handle(frame: GatewayFrame): void {
    switch (frame.t) {
      case 'input':
        this.link?.receive(frame.items);
        return;
      case 'request':
        void this.answer(frame.id, frame.op, frame.body);
        return;
      case 'stop':
        void this.stop(frame.restart);
        return;
      case 'start':
        return; // only the first frame starts an engine host
    }
  }

  /** Stops cleanly: reloads under way finish, the last tick commits, the storage closes. */
  stop(restart: boolean): Promise<void> {
    this.stopping ??= this.stopNow(restart);
    return this.stopping;
  }

  private async stopNow(restart: boolean): Promise<void> {
    const { engine } = this;
    const waits = engine.listPacks().filter((p) => engine.hotReload.isReloading(p.name)).map((p) => `the reload of pack '${p.name}'`);
    if (waits.length > 0) this.send({ t: 'stopping', waitingFor: waits });
    const log = (what: string) => (err: unknown) => engine.logger.error(`Stopping ${what} failed: ${String(err)}`);
    await this.folders?.close().catch(log('the pack folder watcher'));
    await this.keeper?.close().catch(log('the watcher of packs not loaded'));
    // On a restart the gateway keeps the connections: the sessions end here without a goodbye.
    if (restart) this.link?.mute();
    else this.link?.flush();
    await this.server?.stop().catch(log('the game server'));
    this.link?.flush();
    await engine.stop();
    this.uninstallErrorReports();
  }

  private async answer(id: number, op: string, body: unknown): Promise<void> {
    const { engine } = this;
    try {
      let result: unknown;
      if (op === 'status') result = serverStatus(engine, typeof body === 'number' ? body : Date.now());
      else if (op === 'packs') result = packInfos(engine);
      else if (op === 'reloads') result = jsonForm(engine.hotReload.getReloadHistory());
      else if (op === 'unloaded') result = this.keeper?.unreadPacks() ?? [];
      else if (op === 'retry') result = await this.retry(body);
      else if (InspectRequests.handles(op)) result = await this.inspectRequests().answer(op, body);
      else if (op === 'roles') result = await this.roles(body);
      else if (op === 'unsaved') result = this.unsaved(body);
      else result = jsonForm(await runReloadRequest(engine, validateReloadRequest(body)));
      this.send({ t: 'response', id, ok: true, body: result });
    } catch (err) {
      const kind = err instanceof AdminError && (err.kind === 'not-found' || err.kind === 'bad-request') ? err.kind : 'failed';
      if (kind === 'failed') engine.logger.error(`Admin request ${op} failed: ${engine.describeError(err)}`);
      this.send({ t: 'response', id, ok: false, kind, message: err instanceof Error ? err.message : String(err) });
    }
  }

  private inspectRequests(): InspectRequests {
    if (!this.inspect) throw new AdminError('no-server', 'The engine is still starting; the world can be inspected in a moment');
    return this.inspect;
  }

  /** `roles {account, grant|revoke}`: an account's roles changed, in storage and for its sessions playing now. */
  private async roles(body: unknown): Promise<AdminRolesResponse> {
    let change: RoleChange;
    try {
      change = roleChangeOf(body);
    } catch (err) {
      throw new AdminError('bad-request', errorMessage(err));
    }
    const server = this.server;
    if (!server) throw new AdminError('failed', 'The game server is not running yet');
    const account = await server.storage.findAccount(change.account);
    if (!account) throw new AdminError('not-found', `No account named '${change.account}'`);
    const updated = await server.setAccountRoles(account.name, rolesAfter(account.roles, change));
    return { account: account.name, roles: updated?.roles ?? [] };
  }

  /** `unsaved {pack, files}`: the area files of a pack the studio has unsaved edits to (its whole list). */
  private unsaved(body: unknown): { pack: string; files: string[] } {
    const o = (typeof body === 'object' && body !== null ? body : {}) as { pack?: unknown; files?: unknown };
    if (typeof o.pack !== 'string' || !Array.isArray(o.files) || !o.files.every((f): f is string => typeof f === 'string')) {
      throw new AdminError('bad-request', 'unsaved takes { "pack": "<name>", "files": ["areas/town.yaml", ...] }');
    }
    this.server?.building.unsaved.set(o.pack, o.files);
    return { pack: o.pack, files: o.files };
  }

  /** `retry {pack}`: a pack folder that could not be read, tried again now. */
  private async retry(body: unknown): Promise<{ retried: true }> {
    const pack = typeof body === 'object' && body !== null ? (body as { pack?: unknown }).pack : undefined;
    if (typeof pack !== 'string') throw new AdminError('bad-request', 'retry takes { "pack": "<name>" }');
    if (!(await this.keeper?.retryNow(pack))) throw new AdminError('not-found', `No pack folder named '${pack}' is waiting for a fix`);
    return { retried: true };
  }

  private summary(): string[] {
    const lines: string[] = [];
    for (const p of this.engine.listPacks()) {
      if (p.status !== 'loaded' || !p.active) continue;
      const a = p.active;
      lines.push(`${p.name} v${p.manifest.version}: systems [${a.systems.map((s) => systemName(s)).join(', ')}], commands [${a.commands.map((c) => c.name).join(', ')}]`);
    }
    for (const b of this.keeper?.broken() ?? []) lines.push(`${b.name}: NOT LOADED: ${b.reason}`);
    return lines;
  }

  private watching(settings: Settings): string {
    if (!settings.watch) return 'Not watching files (--watch reloads a pack when you save)';
    const watched = this.engine.hotReload.watchedPacks;
    const waiting = this.keeper?.waiting ?? [];
    return `Watching ${watched.length} pack(s) (debounce ${settings.watchDebounce}s): ${watched.map((w) => w.name).join(', ') || 'none loaded from a folder'}${waiting.length > 0 ? `; waiting for a fix: ${waiting.join(', ')}` : ''}`;
  }
}

/** `--strict`: a pack that cannot load stops start-up, naming every such pack. */
function refuseBroken(keeper: BrokenPackKeeper): void {
  const broken = keeper.broken();
  if (broken.length === 0) return;
  const list = broken.map((b) => `${b.name}${b.dir ? ` (${b.dir})` : ''}: ${b.reason}`).join('; ');
  throw new MaidError(`--strict: not starting, ${broken.length} pack(s) cannot load: ${list}. Fix them, or start without --strict to serve the packs that load`);
}

/** New pack folders load as they appear: all of them, or (with --content) those a pack waits for as a dependency. */
function watchNewFolders(engine: GameEngine, keeper: BrokenPackKeeper, settings: Settings, every: boolean): NewPackFolders {
  const waitedFor = (dir: string) => engine.listPacks().some((r) => r.status !== 'loaded' && (r.manifest.dependencies ?? []).includes(folderName(dir)));
  return new NewPackFolders({
    packsDir: settings.packsDir,
    debounceSeconds: settings.watchDebounce,
    isKnown: (dir) => keeper.knows(dir),
    isWanted: (dir) => every || waitedFor(dir),
    load: async (dir) => {
      engine.logger.info(`New pack folder: ${dir}`);
      await keeper.read(dir);
    },
  });
}
