import { GameEngine, getSettings, type Settings } from '../../engine';
import type { FlagSpecs, ParsedFlags } from '../args';
import { loadPacks } from '../load-packs';

export const serverStartFlags: FlagSpecs = {
  host: { type: 'string', value: 'HOST', help: 'Address to listen on (default 127.0.0.1, or MAID_HOST)' },
  port: { type: 'number', value: 'PORT', help: 'Telnet port (default 4000, or MAID_PORT)' },
  watch: { type: 'boolean', help: 'Reload a pack when its source files change' },
  'watch-debounce': { type: 'number', value: 'SECONDS', help: 'Quiet time after a save before reloading (default 0.5)' },
  content: { type: 'string', value: 'PACK', repeatable: true, help: 'A pack to load: a name in the packs folder or a path (default: every pack)' },
  'packs-dir': { type: 'string', value: 'DIR', help: 'Folder holding the packs (default ./packs, or MAID_PACKS_DIR)' },
  'data-dir': { type: 'string', value: 'DIR', help: 'Folder for the world database (default ./.maid, or MAID_DATA_DIR)' },
  'tick-rate': { type: 'number', value: 'HZ', help: 'Ticks per second (default 10, or MAID_TICK_RATE)' },
  debug: { type: 'boolean', help: 'Detailed logging (same as MAID_LOG_LEVEL=DEBUG)' },
};

/** Settings from the environment and config file, with command-line flags on top. */
export function settingsFromFlags(flags: ParsedFlags): Settings {
  const overrides: Partial<Settings> = {};
  if (flags.host !== undefined) overrides.host = String(flags.host);
  if (flags.port !== undefined) overrides.port = Number(flags.port);
  if (flags.watch !== undefined) overrides.watch = Boolean(flags.watch);
  if (flags['watch-debounce'] !== undefined) overrides.watchDebounce = Number(flags['watch-debounce']);
  if (flags['packs-dir'] !== undefined) overrides.packsDir = String(flags['packs-dir']);
  if (flags['data-dir'] !== undefined) overrides.dataDir = String(flags['data-dir']);
  if (flags['tick-rate'] !== undefined) overrides.tickRate = Number(flags['tick-rate']);
  if (flags.debug) {
    overrides.debug = true;
    overrides.logLevel = 'DEBUG';
  }
  return getSettings({ overrides });
}

/** `maid server start`: the engine with its packs, ticking until Ctrl-C or SIGTERM. */
export async function serverStart(flags: ParsedFlags): Promise<number> {
  const settings = settingsFromFlags(flags);
  const engine = new GameEngine(settings);
  const log = engine.logger;
  await loadPacks(engine, (flags.content as string[] | undefined) ?? [], settings.packsDir);
  await engine.start();
  for (const p of engine.listPacks()) {
    if (p.status !== 'loaded' || !p.active) continue;
    const a = p.active;
    log.info(`  ${p.name} v${p.manifest.version}: systems [${a.systems.map((s) => s.name ?? s.constructor.name).join(', ')}], commands [${a.commands.map((c) => c.name).join(', ')}]`);
  }
  if (settings.watch) await engine.hotReload.enableWatching(settings.watchDebounce);

  const status = setInterval(() => {
    log.info(`Status: tick ${engine.tickLoop.ticks}, ${engine.world.entityCount} entities, ${engine.sessions.count} player(s) online`);
  }, 60_000);
  status.unref();

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`Received ${signal}, stopping`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  clearInterval(status);
  await engine.stop();
  return 0;
}
