import { DataDirLock, GameEngine, GameServer, MaidError, reportUncaughtPackErrors, storageFromSettings, systemName, type Settings } from '../../engine/host';
import { AdminServer, serverAnswers } from '../../engine/admin';
import { UsageFailure, type FlagSpecs, type ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { contentDirs, loadPacks, reportNonPacks } from '../load-packs';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';
import { untilStopSignal } from '../signals';
import type { BrokenPack, BrokenPackKeeper } from '../startup/broken-packs';
import { checkPortsFree, type WantedPort } from '../startup/ports';
import { checkDataDirWritable } from '../startup/data-dir';
import { folderName, NewPackFolders } from '../startup/new-pack-folders';

const flags: FlagSpecs = {
  host: { type: 'string', value: 'HOST', help: 'Address players connect to (default 127.0.0.1, or MAID_HOST); the admin API stays on 127.0.0.1' },
  port: { type: 'number', value: 'PORT', help: 'Telnet port (default 4000, or MAID_PORT)' },
  'ws-port': { type: 'number', value: 'PORT', help: 'WebSocket port (default: --port + 1 when --port is given, else 4001 or MAID_WS_PORT)' },
  watch: { type: 'boolean', help: 'Reload a pack when its source files change' },
  'watch-debounce': { type: 'number', value: 'SECONDS', help: 'Quiet time after a save before reloading (default 0.5)' },
  content: COMMON_FLAGS.content,
  'packs-dir': COMMON_FLAGS['packs-dir'],
  'data-dir': COMMON_FLAGS['data-dir'],
  'tick-rate': { type: 'number', value: 'HZ', help: 'Ticks per second (default 10, or MAID_TICK_RATE)' },
  'admin-port': { type: 'number', value: 'PORT', help: 'Port of the admin API on 127.0.0.1 (default 0: any free port, written to <data-dir>/admin.json)' },
  strict: { type: 'boolean', help: 'Refuse to start when any pack cannot load (production, CI); without it the server serves the packs that load' },
  debug: COMMON_FLAGS.debug,
};

/**
 * Something the server runs beside the engine: the admin API and the game
 * server (telnet, WebSocket). Stopped in reverse order before the engine stops.
 */
export interface ServerService {
  /** Start-up summary lines: where to reach it. */
  summary(): string[];
  stop(): Promise<void>;
}

async function startAdminService(engine: GameEngine, settings: Settings, port: number): Promise<ServerService> {
  const admin = await AdminServer.start({ engine, dataDir: settings.dataDir, port });
  return {
    summary: () => [`Admin API: ${admin.url} (token in ${admin.credentialsFile})`],
    stop: () => admin.stop(),
  };
}

/**
 * The game server: telnet and WebSocket sessions and the world saved in
 * `<data-dir>/world.db`. It must exist before the engine starts, so the
 * saved world is restored before packs look for their rooms and NPCs.
 */
function prepareGameService(engine: GameEngine, settings: Settings): { start(): Promise<ServerService>; lastCommittedTick(): number | undefined } {
  const server = new GameServer(engine, storageFromSettings(settings), { host: settings.host, port: settings.port });
  return {
    lastCommittedTick: () => server.persistence?.stats.lastTick,
    async start() {
      const addresses = await server.start();
      const { host, port } = addresses.telnet;
      return {
        summary: () => [
          `Players connect: telnet ${host} ${port}`,
          ...(addresses.webSocket ? [`Web clients connect: ${addresses.webSocket.url} (subprotocol gmcp.mudstandards.org)`] : []),
          `World saved in ${settings.dataDir}`,
        ],
        stop: () => server.stop(),
      };
    },
  };
}

function summary(engine: GameEngine, settings: Settings, services: ServerService[], broken: BrokenPack[], waiting: string[]): string[] {
  const lines = ['Server ready:'];
  for (const p of engine.listPacks()) {
    if (p.status !== 'loaded' || !p.active) continue;
    const a = p.active;
    lines.push(`  ${p.name} v${p.manifest.version}: systems [${a.systems.map((s) => systemName(s)).join(', ')}], commands [${a.commands.map((c) => c.name).join(', ')}]`);
  }
  for (const b of broken) lines.push(`  ${b.name}: NOT LOADED: ${b.reason}`);
  for (const s of services) lines.push(...s.summary().map((l) => `  ${l}`));
  const watched = engine.hotReload.watchedPacks;
  lines.push(
    settings.watch
      ? `  Watching ${watched.length} pack(s) (debounce ${settings.watchDebounce}s): ${watched.map((w) => w.name).join(', ') || 'none loaded from a folder'}${waiting.length > 0 ? `; waiting for a fix: ${waiting.join(', ')}` : ''}`
      : '  Not watching files (--watch reloads a pack when you save)',
  );
  lines.push('  Ctrl-C stops the server');
  return lines;
}

function adminPort(parsed: ParsedFlags): number {
  const port = (parsed['admin-port'] as number | undefined) ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageFailure(`Invalid value ${port} for --admin-port: accepted values are 0-65535 (0: any free port)`);
  return port;
}

/** The game's ports with the flag that chooses each, as the user set them. */
function gamePorts(settings: Settings, parsed: ParsedFlags): WantedPort[] {
  const wanted = (what: string, port: number, flag: string, env: string): WantedPort => {
    const source = parsed[flag] !== undefined ? undefined : flag === 'ws-port' && parsed.port !== undefined ? '--port + 1' : process.env[env] !== undefined ? env : 'the default';
    return { port, what, option: `--${flag}`, ...(source ? { source } : {}) };
  };
  const ports = [wanted('telnet', settings.port, 'port', 'MAID_PORT')];
  if (settings.webSocket) ports.push(wanted('WebSocket', settings.webSocketPort, 'ws-port', 'MAID_WS_PORT'));
  return ports;
}

/** What a clean stop waits for now: the reloads running (a reload is never cut off half-way by the first Ctrl-C). */
function stopWaitsFor(engine: GameEngine): string[] {
  return engine
    .listPacks()
    .filter((p) => engine.hotReload.isReloading(p.name))
    .map((p) => `the reload of pack '${p.name}'`);
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

/** `--strict`: a pack that cannot load stops start-up, naming every such pack. */
function refuseBroken(broken: BrokenPack[]): void {
  if (broken.length === 0) return;
  const list = broken.map((b) => `${b.name}${b.dir ? ` (${b.dir})` : ''}: ${b.reason}`).join('; ');
  throw new MaidError(`--strict: not starting, ${broken.length} pack(s) cannot load: ${list}. Fix them, or start without --strict to serve the packs that load`);
}

/** `maid server start`: the engine with its packs and services, until Ctrl-C or SIGTERM. */
async function serverStart(parsed: ParsedFlags): Promise<number> {
  const settings = settingsFromFlags(parsed);
  const port = adminPort(parsed);
  // First: a data directory that cannot be written is said plainly, before anything loads.
  checkDataDirWritable(settings.dataDir);
  const dirs = contentDirs((parsed.content as string[] | undefined) ?? [], settings.packsDir);
  const engine = new GameEngine(settings);
  const log = engine.logger;
  // This command owns the process: an error pack code throws outside any engine call is logged at its file and line, not fatal.
  const uninstallErrorReports = reportUncaughtPackErrors(engine);
  log.debug(`Settings: ${Object.entries(settings).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`);
  // Listen for Ctrl-C from the start: a signal during start-up stops the server once it is up, not half-way.
  let lastCommittedTick: () => number | undefined = () => undefined;
  const kept = () => {
    const tick = lastCommittedTick();
    return tick === undefined ? 'no tick was committed yet; the world is as it was saved before' : `the world is as committed at tick ${tick}, the last completed one`;
  };
  const stopSignal = untilStopSignal(log, { waitingFor: () => stopWaitsFor(engine), kept });
  // One process per data directory: its world database and admin token are this server's alone.
  const lock = await DataDirLock.acquire(settings.dataDir, {
    owner: 'maid server',
    timeoutMs: settings.lockTimeout * 1000,
    isRunning: (holder) => serverAnswers(settings.dataDir, holder.pid),
    onWaiting: (message) => log.warn(message),
    advice: 'Stop it first, or give this server another --data-dir.',
  });
  const services: ServerService[] = [];
  let keeper: BrokenPackKeeper | undefined;
  let folders: NewPackFolders | undefined;
  const stopAll = async () => {
    await folders?.close();
    await keeper?.close();
    for (const s of services.reverse()) await s.stop().catch((err) => log.error(`Stopping a service failed: ${String(err)}`));
    await engine.stop();
    lock.release();
    uninstallErrorReports();
  };
  try {
    // The admin API first: it refuses to start when another server uses this data directory.
    await checkPortsFree('127.0.0.1', [{ port, what: 'admin API', option: '--admin-port' }]);
    services.push(await startAdminService(engine, settings, port));
    // Before the packs load: a busy port is said at once, not after a slow start.
    await checkPortsFree(settings.host, gamePorts(settings, parsed));
    if (parsed.content === undefined) reportNonPacks(log, settings.packsDir);
    keeper = await loadPacks(engine, dirs, settings.packsDir, settings.watch);
    if (parsed.strict) refuseBroken(keeper.broken());
    const game = prepareGameService(engine, settings);
    lastCommittedTick = () => game.lastCommittedTick();
    await engine.start();
    if (parsed.strict) refuseBroken(keeper.broken()); // a pack whose onLoad threw
    services.push(await game.start());
    if (settings.watch) {
      await engine.hotReload.enableWatching(settings.watchDebounce);
      await keeper.watch(settings.watchDebounce);
      folders = watchNewFolders(engine, keeper, settings, parsed.content === undefined);
      await folders.start();
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  for (const line of summary(engine, settings, services, keeper.broken(), keeper.waiting)) log.info(line);

  const status = setInterval(() => {
    log.info(`Status: tick ${engine.tickLoop.ticks}, ${engine.world.entityCount} entities, ${engine.sessions.count} player(s) online`);
  }, 60_000);
  status.unref();
  await stopSignal;
  clearInterval(status);
  await stopAll();
  return EXIT.ok;
}

export const serverStartCommand: CliCommand = {
  words: ['server', 'start'],
  summary: 'Start the game server with its packs',
  description: [
    'Loads the packs (with the packs they depend on), starts the engine, the game server',
    '(telnet, WebSocket; the world is saved in <data-dir>/world.db) and the admin API',
    '(127.0.0.1 only; its URL and token go to <data-dir>/admin.json, readable only by you),',
    'and runs until Ctrl-C or SIGTERM, which stop it cleanly.',
  ].join('\n'),
  args: [],
  flags,
  examples: ['maid server start --watch --debug', 'maid server start --watch --watch-debounce 1.0', 'maid server start --watch --content my-pack --content other-pack'],
  run: (parsed) => serverStart(parsed),
};
