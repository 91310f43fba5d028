import { join } from 'node:path';
import repl from 'node:repl';
import { errorMessage, GameEngine, type Settings } from '../../engine/host';
import type { FlagSpecs, ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { contentDirs, loadPacks } from '../load-packs';
import { checkDataDirWritable } from '../startup/data-dir';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';
import { autoAwait } from '../shell/auto-await';
import { installCompleter } from '../shell/completer';
import { LineFeeder } from '../shell/line-feeder';
import { packClasses, packsByName, shellScope } from '../shell/scope';

/** The shell's history file in the data directory (one per data directory, kept across sessions). */
export const HISTORY_FILE = 'shell_history';

const flags: FlagSpecs = {
  content: COMMON_FLAGS.content,
  'packs-dir': COMMON_FLAGS['packs-dir'],
  'data-dir': COMMON_FLAGS['data-dir'],
  tick: { type: 'boolean', help: 'Run the tick loop in real time (default: paused; tick(n) runs n ticks)' },
  watch: { type: 'boolean', help: "Reload a pack when its source files change, as the server's --watch does" },
  debug: COMMON_FLAGS.debug,
};

function banner(engine: GameEngine, ticking: boolean, names: string[], settings: Settings): string {
  const packs = engine.listPacks().map((p) => `${p.name} v${p.manifest.version}${p.status === 'loaded' ? '' : ` (${p.status})`}`);
  return [
    `MAID dev shell: ${packs.length} pack(s) loaded (${packs.join(', ') || 'none'}); the engine is started, ${ticking ? 'ticking in real time' : 'ticks paused: tick(n) runs n ticks'}.`,
    `In scope: engine, world, settings, packs, ${names.length ? `${names.join(', ')}, ` : ''}GameEngine, getSettings and the rest of the engine API (also as maid.*),`,
    "TestPlayer (and the test kit as testing.*), reload('pack'), reloadModule('systems/x.ts'), history(), tick(n).",
    'A Promise is awaited before it is printed (tick(5) prints 5); top-level await works; Tab completes.',
    `Its world is its own: the packs build it as they load, and the saved world (${settings.dataDir}/world.db, which a running server may be using) is not opened.`,
    'Type .help for REPL commands; .exit or Ctrl-D leaves (the engine stops).',
  ].join('\n');
}

/** `maid dev shell`: a REPL with a started engine and its packs in scope. */
async function devShell(parsed: ParsedFlags): Promise<number> {
  const settings = settingsFromFlags(parsed);
  const dirs = contentDirs((parsed.content as string[] | undefined) ?? [], settings.packsDir);
  const engine = new GameEngine(settings);
  try {
    await loadPacks(engine, dirs, settings.packsDir);
    await engine.start({ autoTick: Boolean(parsed.tick) });
    if (parsed.watch) await engine.hotReload.enableWatching(settings.watchDebounce);
  } catch (err) {
    await engine.stop();
    throw err;
  }

  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const feeder = interactive ? undefined : new LineFeeder(process.stdin);
  const write = (line: string) => process.stdout.write(line + '\n');
  const scope = shellScope(engine, write);
  process.stdout.write(banner(engine, Boolean(parsed.tick), Object.keys(packClasses(engine)), settings) + '\n');

  const server = repl.start({
    prompt: 'maid> ',
    input: feeder?.input ?? process.stdin,
    output: process.stdout,
    terminal: interactive,
    useGlobal: true, // objects typed in the shell are of the engine's realm (instanceof, Array.isArray agree)
    ignoreUndefined: true,
  });
  // The context is the real global object: never shadow what Node already has there (all of the API stays under maid.*).
  for (const [name, value] of Object.entries(scope)) if (!(name in server.context)) server.context[name] = value;
  // After a reload the packs (and their classes) in scope are the new versions.
  const refresh = engine.hotReload.onReload.on(() => {
    Object.assign(server.context, { packs: packsByName(engine) }, packClasses(engine));
  });
  autoAwait(server);
  installCompleter(server, engine);
  feeder?.attach(server);
  if (interactive) {
    try {
      checkDataDirWritable(settings.dataDir);
      const file = join(settings.dataDir, HISTORY_FILE);
      server.setupHistory(file, (err) => {
        if (err) engine.logger.warn(`Shell history is not saved: cannot use ${file}: ${err.message}`);
      });
    } catch (err) {
      engine.logger.warn(`Shell history is not saved: ${errorMessage(err)}`); // the shell works without it
    }
  }

  await new Promise<void>((resolve) => server.on('exit', () => resolve()));
  if (!interactive) process.stdout.write('\n'); // end the last prompt's line
  refresh.dispose();
  await engine.stop();
  return EXIT.ok;
}

export const devShellCommand: CliCommand = {
  words: ['dev', 'shell'],
  summary: 'An interactive TypeScript shell with a started engine and its packs',
  description: [
    'Loads the packs into an engine of its own (not the running server) and starts a REPL',
    "with it in scope. Command history is kept in <data-dir>/shell_history. Piped input runs",
    'as a script, one line after the other (each awaited).',
  ].join('\n'),
  args: [],
  flags,
  examples: ['maid dev shell', 'maid dev shell --content combat --tick'],
  run: (parsed) => devShell(parsed),
};
