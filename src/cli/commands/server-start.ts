import { availableParallelism } from 'node:os';
import { consoleSinkFor, DataDirLock, Logger, MaidError, type Settings } from '../../engine/host';
import { serverAnswers } from '../../engine/admin';
import { Gateway } from '../../gateway/gateway';
import { runsSingleThreadedGc, singleThreadedGc, withGcThreads } from '../../gateway/gc-threads';
import { UsageFailure, type FlagSpecs, type ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { contentDirs, reportNonPacks } from '../load-packs';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';
import { untilStopSignal } from '../signals';
import { checkPortsFree, type WantedPort } from '../startup/ports';
import { checkDataDirWritable } from '../startup/data-dir';

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

/** The start-up summary: the engine's packs and watcher, and where to reach the game and the admin API. */
function summary(gateway: Gateway, settings: Settings): string[] {
  const info = gateway.engineInfo;
  const addresses = gateway.addresses;
  const lines = ['Server ready:', ...(info?.summary ?? []).map((l) => `  ${l}`)];
  if (addresses?.admin) lines.push(`  Admin API: ${addresses.admin.url} (token in ${addresses.admin.credentialsFile})`);
  if (addresses) {
    lines.push(`  Players connect: telnet ${addresses.telnet.host} ${addresses.telnet.port}`);
    if (addresses.webSocket) lines.push(`  Web clients connect: ${addresses.webSocket.url} (subprotocol gmcp.mudstandards.org)`);
  }
  lines.push(`  World saved in ${settings.dataDir}`);
  lines.push(`  Engine process ${gateway.supervisor.pid ?? '?'} (restarted if it crashes, hangs for ${settings.engineTimeout} s, or passes ${settings.engineMemoryMb} MB)`);
  // Said when true of both processes: where the gateway could not restart itself, the warning at start-up said why.
  if (singleThreadedGc(settings.gcThreads) && runsSingleThreadedGc()) lines.push(`  Garbage collection on one thread per process (MAID_GC_THREADS=${settings.gcThreads}, ${availableParallelism()} cores)`);
  if (info) lines.push(`  ${info.watching}`);
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

/**
 * `maid server start`: the gateway (connections, admin API) with the engine
 * in its own supervised process, until Ctrl-C or SIGTERM.
 */
async function serverStart(parsed: ParsedFlags): Promise<number> {
  const settings = settingsFromFlags(parsed);
  const port = adminPort(parsed);
  // Before anything opens: on a small machine the process restarts itself with its GC on one thread (gc-threads.ts).
  const gcUnchanged = withGcThreads(settings.gcThreads);
  // First: a data directory that cannot be written is said plainly, before anything loads.
  checkDataDirWritable(settings.dataDir);
  const dirs = contentDirs((parsed.content as string[] | undefined) ?? [], settings.packsDir);
  const log = new Logger(settings.logLevel, [consoleSinkFor(settings.logTimestamps)]);
  log.debug(`Settings: ${Object.entries(settings).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`);
  if (gcUnchanged) log.warn(`The gateway keeps V8's parallel garbage collection (MAID_GC_THREADS=${settings.gcThreads} asks for one thread): ${gcUnchanged}`);
  // Listen for Ctrl-C from the start: a signal during start-up stops the server once it is up, not half-way.
  let gateway: Gateway | undefined;
  const kept = () => {
    const tick = gateway?.supervisor.committedTick;
    return tick === undefined ? 'no tick was committed yet; the world is as it was saved before' : `the world is as committed at tick ${tick}, the last completed one`;
  };
  const stopSignal = untilStopSignal(log, { kept, beforeForcedExit: () => gateway?.supervisor.kill() });
  // One process per data directory: its world database and admin token are this server's alone.
  const lock = await DataDirLock.acquire(settings.dataDir, {
    owner: 'maid server',
    timeoutMs: settings.lockTimeout * 1000,
    isRunning: (holder) => serverAnswers(settings.dataDir, holder.pid),
    onWaiting: (message) => log.warn(message),
    advice: 'Stop it first, or give this server another --data-dir.',
  });
  try {
    // The admin API first (it refuses to start when another server uses this data directory), then the game's ports.
    await checkPortsFree('127.0.0.1', [{ port, what: 'admin API', option: '--admin-port' }]);
    await checkPortsFree(settings.host, gamePorts(settings, parsed));
    if (parsed.content === undefined) reportNonPacks(log, settings.packsDir);
    gateway = await Gateway.start({ settings, logger: log, contentDirs: dirs, allPacks: parsed.content === undefined, strict: parsed.strict === true, adminPort: port });
  } catch (err) {
    lock.release();
    if (err instanceof Error && !(err instanceof MaidError)) throw new MaidError(err.message, { cause: err });
    throw err;
  }
  for (const line of summary(gateway, settings)) log.info(line);

  const status = setInterval(() => {
    const engine = gateway?.admin.engineStatus();
    log.info(`Status: ${gateway?.relay.playing ?? 0} player(s) online, engine ${engine?.state} (generation ${engine?.generation}, ${engine?.restarts} restart(s))`);
  }, 60_000);
  status.unref();
  await stopSignal;
  clearInterval(status);
  await gateway.stop();
  lock.release();
  return EXIT.ok;
}

export const serverStartCommand: CliCommand = {
  words: ['server', 'start'],
  summary: 'Start the game server with its packs',
  description: [
    'Starts the gateway (telnet, WebSocket and the admin API on 127.0.0.1; its URL and token',
    'go to <data-dir>/admin.json, readable only by you) and the engine in its own process,',
    'which loads the packs (with the packs they depend on) and saves the world in',
    '<data-dir>/world.db. The gateway restarts the engine if it crashes or hangs, players',
    'staying connected. Runs until Ctrl-C or SIGTERM, which stop it cleanly.',
  ].join('\n'),
  args: [],
  flags,
  examples: ['maid server start --watch --debug', 'maid server start --watch --watch-debounce 1.0', 'maid server start --watch --content my-pack --content other-pack'],
  run: (parsed) => serverStart(parsed),
};
