import { resolve } from 'node:path';
import { getSettings, SettingsError, type Settings } from '../engine/host';
import { UsageFailure, type FlagSpec, type ParsedFlags } from './args';

/** Flags several commands share, with one wording everywhere. */
export const COMMON_FLAGS = {
  content: { type: 'string', value: 'PACK', repeatable: true, help: 'A pack to load: a name in the packs folder or a path (default: every pack)' },
  'packs-dir': { type: 'string', value: 'DIR', help: 'Folder holding the packs (default ./packs, or MAID_PACKS_DIR)' },
  'data-dir': { type: 'string', value: 'DIR', help: 'Data directory: world database, admin API token, shell history (default ./.maid, or MAID_DATA_DIR)' },
  debug: { type: 'boolean', help: 'Detailed logging (same as MAID_LOG_LEVEL=DEBUG)' },
} as const satisfies Record<string, FlagSpec>;

/** Which flag sets which setting, to name the flag (not the setting) when a value is out of range. */
const FLAG_OF: Partial<Record<keyof Settings, string>> = {
  host: 'host',
  port: 'port',
  webSocketPort: 'ws-port',
  watch: 'watch',
  watchDebounce: 'watch-debounce',
  packsDir: 'packs-dir',
  dataDir: 'data-dir',
  tickRate: 'tick-rate',
};

/** Settings from the environment and config file, with the command-line flags on top. */
export function settingsFromFlags(flags: ParsedFlags): Settings {
  const overrides: Partial<Settings> = {};
  for (const [key, flag] of Object.entries(FLAG_OF) as [keyof Settings, string][]) {
    const value = flags[flag];
    if (value === undefined) continue;
    // Folders given on the command line are relative to where the command runs; messages show them absolute.
    (overrides as Record<string, unknown>)[key] = (key === 'packsDir' || key === 'dataDir') && typeof value === 'string' && value.trim() !== '' ? resolve(value) : value;
  }
  // `--port N` alone moves the WebSocket port with it (N+1), so two servers on --port 4000 and --port 5000 both start.
  if (typeof flags.port === 'number' && flags['ws-port'] === undefined) overrides.webSocketPort = flags.port === 0 ? 0 : flags.port + 1;
  if (flags.debug) {
    overrides.debug = true;
    overrides.logLevel = 'DEBUG';
  }
  try {
    return getSettings({ overrides });
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    const key = err.variable.replace(/^--/, '') as keyof Settings;
    const flag = FLAG_OF[key];
    // A flag's bad value is a usage error that names the flag as typed.
    if (key === 'webSocketPort' && flags['ws-port'] === undefined) throw new UsageFailure(`${err.message.replace(err.variable, 'the WebSocket port')} (it follows --port as N+1): give --ws-port too`);
    if (flag && err.variable === `--${key}`) throw new UsageFailure(err.message.replace(err.variable, `--${flag}`));
    throw new UsageFailure(err.message);
  }
}
