import { consoleSinkFor, Logger } from '../../engine/host';
import { AdminClient, type ReloadTargetType } from '../../engine/admin';
import { UsageFailure, type FlagSpecs, type ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { watchAndReload } from '../dev/client-watch';
import { logReload } from '../dev/reload-output';
import { resolveWatchPath } from '../dev/watch-path';
import { EXIT } from '../exit-codes';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';

const flags: FlagSpecs = {
  type: { type: 'string', value: 'TYPE', choices: ['module', 'pack'], help: 'What TARGET names (default: a pack if one is loaded by that name, else a module)' },
  watch: { type: 'boolean', help: 'After reloading, keep watching and reload on each change (Ctrl-C stops)' },
  'watch-path': { type: 'string', value: 'DIR', help: "Folder of the pack to watch with --watch, relative to the pack's folder (default: src/); a folder outside the pack is refused" },
  'watch-debounce': { type: 'number', value: 'SECONDS', help: 'Quiet time after a save before reloading, with --watch (default 0.5)' },
  'data-dir': { ...COMMON_FLAGS['data-dir'], help: "The running server's data directory, where its admin.json is (default ./.maid, or MAID_DATA_DIR)" },
  debug: { ...COMMON_FLAGS.debug, help: 'Also print what changed and which modules were evaluated again' },
};

/** `maid dev reload TARGET`: asks the running server to reload a pack or a module, and prints the result. */
async function devReload(parsed: ParsedFlags, [target]: string[]): Promise<number> {
  if (parsed['watch-path'] !== undefined && !parsed.watch) throw new UsageFailure('--watch-path only applies with --watch');
  const settings = settingsFromFlags(parsed);
  const log = new Logger(settings.logLevel, [consoleSinkFor(settings.logTimestamps)]);
  const client = AdminClient.fromDataDir(settings.dataDir);
  const type = (parsed.type as ReloadTargetType | undefined) ?? 'auto';
  const watchPath = parsed['watch-path'] as string | undefined;
  // A pack named as TARGET: check the folder to watch before reloading, so a wrong --watch-path changes nothing.
  const named = parsed.watch && type !== 'module' ? (await client.packs()).find((p) => p.name === target) : undefined;
  if (named) resolveWatchPath(watchPath, named.name, named.dir);
  const response = await client.reload({ target: target as string, type, trigger: 'manual' });
  const ok = logReload(log, response);
  if (!parsed.watch) return ok ? EXIT.ok : EXIT.failure;

  const packName = response.result.packName;
  const pack = (await client.packs()).find((p) => p.name === packName);
  if (!pack) throw new UsageFailure(`pack '${packName}' is no longer loaded on the server`);
  const dir = resolveWatchPath(watchPath, packName, pack.dir);
  return watchAndReload({ client, log, pack, dir, debounceSeconds: settings.watchDebounce });
}

export const devReloadCommand: CliCommand = {
  words: ['dev', 'reload'],
  summary: 'Reload a pack or a module in the running server',
  description: [
    'Talks to the server started by `maid server start` through its admin API (found in',
    '<data-dir>/admin.json). Prints the result as the server logs it; exits 1 when the reload',
    'failed (the server keeps running the previous version), with the error and file:line.',
  ].join('\n'),
  args: [{ name: 'TARGET', required: true, help: 'a pack name (combat), or a module id (combat.systems.combat, systems/combat.ts)' }],
  flags,
  examples: ['maid dev reload combat --type pack', 'maid dev reload combat.systems.combat --type module', 'maid dev reload systems/combat.ts --type module', 'maid dev reload combat --watch --watch-path src/'],
  run: (parsed, args) => devReload(parsed, args),
};
