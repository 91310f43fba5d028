import { GameEngine, GameServer, reportUncaughtPackErrors, storageFromSettings, systemName, type Settings } from '../../engine';
import { AdminServer } from '../../engine/admin';
import { UsageFailure, type FlagSpecs, type ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { contentDirs, loadPacks } from '../load-packs';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';
import { untilStopSignal } from '../signals';

const flags: FlagSpecs = {
  host: { type: 'string', value: 'HOST', help: 'Address players connect to (default 127.0.0.1, or MAID_HOST); the admin API stays on 127.0.0.1' },
  port: { type: 'number', value: 'PORT', help: 'Telnet port (default 4000, or MAID_PORT)' },
  watch: { type: 'boolean', help: 'Reload a pack when its source files change' },
  'watch-debounce': { type: 'number', value: 'SECONDS', help: 'Quiet time after a save before reloading (default 0.5)' },
  content: COMMON_FLAGS.content,
  'packs-dir': COMMON_FLAGS['packs-dir'],
  'data-dir': COMMON_FLAGS['data-dir'],
  'tick-rate': { type: 'number', value: 'HZ', help: 'Ticks per second (default 10, or MAID_TICK_RATE)' },
  'admin-port': { type: 'number', value: 'PORT', help: 'Port of the admin API on 127.0.0.1 (default 0: any free port, written to <data-dir>/admin.json)' },
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
function prepareGameService(engine: GameEngine, settings: Settings): { start(): Promise<ServerService> } {
  const server = new GameServer(engine, storageFromSettings(settings), { host: settings.host, port: settings.port });
  return {
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

function summary(engine: GameEngine, settings: Settings, services: ServerService[]): string[] {
  const lines = ['Server ready:'];
  for (const p of engine.listPacks()) {
    if (p.status !== 'loaded' || !p.active) {
      lines.push(`  ${p.name} v${p.manifest.version}: ${p.status}${p.error ? ` (${p.error})` : ''}`);
      continue;
    }
    const a = p.active;
    lines.push(`  ${p.name} v${p.manifest.version}: systems [${a.systems.map((s) => systemName(s)).join(', ')}], commands [${a.commands.map((c) => c.name).join(', ')}]`);
  }
  for (const s of services) lines.push(...s.summary().map((l) => `  ${l}`));
  const watched = engine.hotReload.watchedPacks;
  lines.push(
    settings.watch
      ? `  Watching ${watched.length} pack(s) (debounce ${settings.watchDebounce}s): ${watched.map((w) => w.name).join(', ') || 'none loaded from a folder'}`
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

/** `maid server start`: the engine with its packs and services, until Ctrl-C or SIGTERM. */
async function serverStart(parsed: ParsedFlags): Promise<number> {
  const settings = settingsFromFlags(parsed);
  const port = adminPort(parsed);
  const dirs = contentDirs((parsed.content as string[] | undefined) ?? [], settings.packsDir);
  const engine = new GameEngine(settings);
  const log = engine.logger;
  // This command owns the process: an error pack code throws outside any engine call is logged at its file and line, not fatal.
  const uninstallErrorReports = reportUncaughtPackErrors(engine);
  log.debug(`Settings: ${Object.entries(settings).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`);
  // Listen for Ctrl-C from the start: a signal during start-up stops the server once it is up, not half-way.
  const stopSignal = untilStopSignal(log);
  const services: ServerService[] = [];
  const stopAll = async () => {
    for (const s of services.reverse()) await s.stop().catch((err) => log.error(`Stopping a service failed: ${String(err)}`));
    await engine.stop();
    uninstallErrorReports();
  };
  try {
    // The admin API first: it refuses to start when another server uses this data directory.
    services.push(await startAdminService(engine, settings, port));
    await loadPacks(engine, dirs, settings.packsDir);
    const game = prepareGameService(engine, settings);
    await engine.start();
    services.push(await game.start());
    if (settings.watch) await engine.hotReload.enableWatching(settings.watchDebounce);
  } catch (err) {
    await stopAll();
    throw err;
  }
  for (const line of summary(engine, settings, services)) log.info(line);

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
