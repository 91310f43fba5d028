import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LogLevel } from '../../shared/model';
import { outDirs, repoRoot } from '../paths';
import { startWebStudio, type WebStudioOptions } from '../web/web-studio';
import { findElectronBinary, NO_ELECTRON_REASON } from './electron-binary';
import { READY_PREFIX } from './ready-line';
import { hasDisplay, openInBrowser } from './open-browser';
import { ensureBuilt } from './studio-build';

const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];
const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const STUDIO_USAGE = `maid studio: the studio, with the game running inside it

Usage: maid studio [options]   (npm run studio -- [options])

Opens the desktop window where an Electron binary is installed; otherwise
starts web mode and prints the URL to open in a browser.

Options:
  --web                  Web mode even where Electron is installed
  --port N               Port of the studio page on 127.0.0.1 (web mode; default 4100, else a free one)
  --game-port N          Telnet port of the game (default 4000, or MAID_PORT; 0 picks a free one)
  --packs-dir DIR        Folder holding the packs (default ./packs, or MAID_PACKS_DIR)
  --content PACK         A pack to load, by name or path (repeatable; default: every pack)
  --data-dir DIR         Folder for the world database (default ./.maid, or MAID_DATA_DIR)
  --watch-debounce S     Quiet time after a save before reloading (default 0.5)
  --log-level LEVEL      ${LOG_LEVELS.join(', ')}
  --no-open              Do not open a browser (web mode)
  --no-build             Do not rebuild the studio when its sources changed
  --quiet                Do not print the engine log
  --help                 Show this help`;


interface StudioFlags {
  web: boolean;
  open: boolean;
  build: boolean;
  quiet: boolean;
  port?: number;
  options: Omit<WebStudioOptions, 'port'>;
}

class FlagError extends Error {}

function numberFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new FlagError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return n;
}

export function parseStudioFlags(argv: string[]): StudioFlags | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        web: { type: 'boolean' },
        port: { type: 'string' },
        'game-port': { type: 'string' },
        'packs-dir': { type: 'string' },
        content: { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        'watch-debounce': { type: 'string' },
        'log-level': { type: 'string' },
        'no-open': { type: 'boolean' },
        'no-build': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new FlagError(errorMessage(err));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const level = v['log-level']?.toUpperCase();
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) throw new FlagError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const port = numberFlag('port', v.port, 0, 65535);
  const gamePort = numberFlag('game-port', v['game-port'], 0, 65535);
  const watchDebounce = numberFlag('watch-debounce', v['watch-debounce'], 0, 60);
  return {
    web: Boolean(v.web),
    open: !v['no-open'],
    build: !v['no-build'],
    quiet: Boolean(v.quiet),
    ...(port !== undefined ? { port } : {}),
    options: {
      ...(v['packs-dir'] !== undefined ? { packsDir: v['packs-dir'] } : {}),
      ...(v['data-dir'] !== undefined ? { dataDir: v['data-dir'] } : {}),
      ...(v.content !== undefined ? { content: v.content } : {}),
      ...(watchDebounce !== undefined ? { watchDebounce } : {}),
      ...(gamePort !== undefined ? { gamePort } : {}),
      ...(level !== undefined ? { logLevel: level as LogLevel } : {}),
      ...(v.quiet ? { consoleLog: false } : {}),
    },
  };
}

/** Waits for Ctrl-C or SIGTERM. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function runElectron(binary: string, root: string, flags: StudioFlags): Promise<number> {
  const child = spawn(binary, [join(outDirs(root).main, 'index.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MAID_STUDIO_OPTIONS: JSON.stringify(flags.options) },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function runWeb(root: string, flags: StudioFlags, out: (line: string) => void): Promise<number> {
  const studio = await startWebStudio({ ...flags.options, ...(flags.port !== undefined ? { port: flags.port } : {}), rendererDir: outDirs(root).renderer });
  // The page can load while the engine boots: the URL is printed (and opened) at once.
  out(`${READY_PREFIX}${studio.url}`);
  if (flags.open && hasDisplay()) openInBrowser(studio.url);
  const signalled = untilSignal();
  let host;
  try {
    host = await studio.ready;
  } catch (err) {
    process.stderr.write(`maid studio: the engine could not start: ${errorMessage(err)}\n`);
    await studio.stop();
    return 1;
  }
  const game = host.gameEndpoint;
  out(game.available ? `The game: ${game.url}${game.telnet ? ` (telnet ${game.telnet.host}:${game.telnet.port})` : ''}` : `The terminal has no game: ${game.reason}`);
  const signal = await signalled;
  out(`MAID Studio: ${signal}, stopping`);
  await studio.stop();
  return 0;
}

/**
 * `maid studio` / `npm run studio`: the desktop window where Electron is
 * installed, web mode otherwise. Returns the exit code.
 */
export async function studioCommand(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  let flags: StudioFlags | 'help';
  try {
    flags = parseStudioFlags(argv);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    process.stderr.write(`maid studio: ${err.message}\n\n${STUDIO_USAGE}\n`);
    return 2;
  }
  if (flags === 'help') {
    out(STUDIO_USAGE);
    return 0;
  }
  const root = repoRoot();
  const binary = flags.web ? undefined : findElectronBinary(root);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    if (flags.build) await ensureBuilt(root, binary ? 'electron' : 'renderer', log);
    if (binary) return await runElectron(binary, root, flags);
    if (!flags.web) log(`MAID Studio: web mode. ${NO_ELECTRON_REASON}`);
    return await runWeb(root, flags, out);
  } catch (err) {
    process.stderr.write(`maid studio: ${errorMessage(err)}\n`);
    return 1;
  }
}
