import { consoleSinkFor, Logger } from '../../engine/host';
import { AdminClient } from '../../engine/admin';
import type { FlagSpecs, ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';

const flags: FlagSpecs = {
  reason: { type: 'string', value: 'TEXT', help: 'Why, for the log and the players\' notice (default: "requested with maid server restart")' },
  'data-dir': { ...COMMON_FLAGS['data-dir'], help: "The running server's data directory, where its admin.json is (default ./.maid, or MAID_DATA_DIR)" },
};

/** `maid server restart`: a new engine process, the players kept connected (a copyover). */
async function serverRestart(parsed: ParsedFlags): Promise<number> {
  const settings = settingsFromFlags(parsed);
  const log = new Logger(settings.logLevel, [consoleSinkFor(settings.logTimestamps)]);
  const client = AdminClient.fromDataDir(settings.dataDir);
  const reason = (parsed.reason as string | undefined) ?? 'requested with maid server restart';
  const done = await client.restart(reason);
  log.info(`Engine restarted in ${done.ms} ms (generation ${done.generation}); ${done.sessions} connection(s) kept`);
  return EXIT.ok;
}

export const serverRestartCommand: CliCommand = {
  words: ['server', 'restart'],
  summary: 'Restart the engine of the running server, players staying connected',
  description: [
    'Asks the server started by `maid server start` (through its admin API, found in',
    '<data-dir>/admin.json) to stop its engine process cleanly and start a new one, which',
    'loads the packs and the world again. Every connection stays open: players are told,',
    'what they type waits, and each one is back in the world as their character without',
    'logging in. For changes a hot reload cannot apply (the engine\'s own code, say).',
  ].join('\n'),
  args: [],
  flags,
  examples: ['maid server restart', 'maid server restart --reason new-engine-build'],
  run: (parsed) => serverRestart(parsed),
};
