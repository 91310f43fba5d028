import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SettingsError } from './errors';
import { LOG_LEVELS, LOG_TIMESTAMPS, type LogLevel, type LogTimestamps } from './logger';

/** Everything the engine can be configured with. Fields grow with the server and studio. */
export interface Settings {
  logLevel: LogLevel;
  /** Timestamps on console log lines: `auto` (when written to a file or pipe, not a terminal), `on`, `off`. */
  logTimestamps: LogTimestamps;
  debug: boolean;
  host: string;
  port: number;
  dataDir: string;
  packsDir: string;
  tickRate: number;
  watch: boolean;
  watchDebounce: number;
  /** Consecutive failures after which a system is quarantined. */
  systemFailureLimit: number;
  /**
   * Milliseconds a batch of pack calls (a tick's systems, the commands that
   * arrived together, a burst of timers) may run synchronously before it is
   * cut off; also how long a tick waits for an async system update. 0: off.
   */
  runawayMs: number;
  /** scrypt's cost for new password hashes, as log2 of N (15: N = 32768, about 32 MB and tens of ms per hash). */
  passwordCost: number;
  /** Seconds without a heartbeat (one per tick) after which the gateway restarts the engine process. */
  engineTimeout: number;
  /** The engine process's heap limit in MB (its `--max-old-space-size`); past it the process dies and is restarted. */
  engineMemoryMb: number;
  /**
   * How the server's processes collect garbage: `one` thread each (V8's
   * --single-threaded-gc), `parallel` (V8's helper threads), or `auto`: one
   * on a machine of two cores or fewer, where the helpers compete with the
   * other process for the cores (docs/server.md).
   */
  gcThreads: GcThreads;

  // ---- the game server (telnet, WebSocket) ----
  /** The game's name: the login banner and MSSP NAME. */
  gameName: string;
  /** WebSocket port for the studio terminal and web clients (same host); 0 picks a free one. */
  webSocketPort: number;
  /** Whether the WebSocket endpoint is served at all. */
  webSocket: boolean;
  /** Longest input line, in characters; a longer one is refused with a message. */
  maxLineLength: number;
  /** Most input bytes buffered without a line end; past it the pending input is discarded. */
  maxInputBuffer: number;
  /** Largest telnet subnegotiation (or WebSocket GMCP frame) accepted, in bytes. */
  maxSubnegotiation: number;
  /** Commands (input lines) a session may run per second; more wait in its queue. */
  commandsPerSecond: number;
  /** Lines a session may have waiting; past it a line is dropped with a message. */
  maxQueuedCommands: number;
  /** Output bytes waiting for a slow client after which its session is disconnected. */
  maxOutputBuffer: number;
  /** Seconds a connection has to log in. */
  loginTimeout: number;
  /** Seconds a player may go without typing before the session ends; 0: never. */
  idleTimeout: number;
  /** Connections open at once from one address. */
  maxConnectionsPerAddress: number;
  /** Connections open at once in all. */
  maxConnections: number;
  /** New connections per second from one address (a burst of as many is allowed). */
  connectionsPerSecondPerAddress: number;
  /** Input bytes per second per connection; past it the server stops reading that socket for a while. */
  maxInputBytesPerSecond: number;
  /** Telnet negotiation commands (DO/DONT/WILL/WONT) per second per connection; more are ignored. */
  maxNegotiationsPerSecond: number;
  /** Seconds to wait for another process's lock on the data directory before giving up. */
  lockTimeout: number;
}

export const GC_THREADS = ['auto', 'one', 'parallel'] as const;
export type GcThreads = (typeof GC_THREADS)[number];

type Parser<T> = (raw: unknown, name: string) => T;

interface Field<K extends keyof Settings> {
  env: string;
  accepted: string;
  parse: Parser<Settings[K]>;
  default: (cwd: string) => Settings[K];
}

function fail(name: string, raw: unknown, accepted: string): never {
  throw new SettingsError(`Invalid value ${JSON.stringify(raw)} for ${name}: accepted values are ${accepted}`, name);
}

function numberIn(min: number, max: number, integer: boolean): Parser<number> {
  const accepted = `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
  return (raw, name) => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) fail(name, raw, accepted);
    return n;
  };
}

const bool: Parser<boolean> = (raw, name) => {
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(s)) return false;
  return fail(name, raw, 'true, false, 1, 0, yes, no, on, off');
};

const text: Parser<string> = (raw, name) => {
  if (typeof raw !== 'string' || raw.trim() === '') fail(name, raw, 'a non-empty string');
  return raw;
};

/** One of `values`, after `normalize` (case, aliases) of the trimmed text. */
function oneOf<T extends string>(values: readonly T[], normalize: (s: string) => string): Parser<T> {
  return (raw, name) => {
    const value = normalize(String(raw).trim());
    if (!(values as readonly string[]).includes(value)) fail(name, raw, values.join(', '));
    return value as T;
  };
}

const logLevel = oneOf<LogLevel>(LOG_LEVELS, (s) => (s.toUpperCase() === 'WARN' ? 'WARNING' : s.toUpperCase()));

const logTimestamps = oneOf<LogTimestamps>(LOG_TIMESTAMPS, (s) => {
  const l = s.toLowerCase();
  return ['true', '1', 'yes'].includes(l) ? 'on' : ['false', '0', 'no'].includes(l) ? 'off' : l;
});

const gcThreads = oneOf<GcThreads>(GC_THREADS, (s) => s.toLowerCase());

const FIELDS: { [K in keyof Settings]: Field<K> } = {
  logLevel: { env: 'MAID_LOG_LEVEL', accepted: LOG_LEVELS.join(', '), parse: logLevel, default: () => 'INFO' },
  logTimestamps: { env: 'MAID_LOG_TIMESTAMPS', accepted: LOG_TIMESTAMPS.join(', '), parse: logTimestamps, default: () => 'auto' },
  debug: { env: 'MAID_DEBUG', accepted: 'a boolean', parse: bool, default: () => false },
  host: { env: 'MAID_HOST', accepted: 'a host name or address', parse: text, default: () => '127.0.0.1' },
  port: { env: 'MAID_PORT', accepted: '0-65535', parse: numberIn(0, 65535, true), default: () => 4000 },
  dataDir: { env: 'MAID_DATA_DIR', accepted: 'a path', parse: text, default: (cwd) => resolve(cwd, '.maid') },
  packsDir: { env: 'MAID_PACKS_DIR', accepted: 'a path', parse: text, default: (cwd) => resolve(cwd, 'packs') },
  tickRate: { env: 'MAID_TICK_RATE', accepted: '1-1000 (ticks per second)', parse: numberIn(1, 1000, false), default: () => 10 },
  watch: { env: 'MAID_WATCH', accepted: 'a boolean', parse: bool, default: () => false },
  watchDebounce: { env: 'MAID_WATCH_DEBOUNCE', accepted: '0-60 (seconds)', parse: numberIn(0, 60, false), default: () => 0.5 },
  systemFailureLimit: { env: 'MAID_SYSTEM_FAILURE_LIMIT', accepted: '1-1000', parse: numberIn(1, 1000, true), default: () => 5 },
  runawayMs: { env: 'MAID_RUNAWAY_MS', accepted: '0-600000 (milliseconds; 0: off)', parse: numberIn(0, 600_000, true), default: () => 2000 },
  passwordCost: { env: 'MAID_PASSWORD_COST', accepted: '10-20 (log2 of scrypt N)', parse: numberIn(10, 20, true), default: () => 15 },
  engineTimeout: { env: 'MAID_ENGINE_TIMEOUT', accepted: '0.5-3600 (seconds)', parse: numberIn(0.5, 3600, false), default: () => 5 },
  engineMemoryMb: { env: 'MAID_ENGINE_MEMORY_MB', accepted: '64-65536 (MB)', parse: numberIn(64, 65_536, true), default: () => 2048 },
  gcThreads: { env: 'MAID_GC_THREADS', accepted: GC_THREADS.join(', '), parse: gcThreads, default: () => 'auto' },
  gameName: { env: 'MAID_GAME_NAME', accepted: 'a non-empty string', parse: text, default: () => 'MAID' },
  webSocketPort: { env: 'MAID_WS_PORT', accepted: '0-65535', parse: numberIn(0, 65535, true), default: () => 4001 },
  webSocket: { env: 'MAID_WEBSOCKET', accepted: 'a boolean', parse: bool, default: () => true },
  maxLineLength: { env: 'MAID_MAX_LINE_LENGTH', accepted: '80-65536 (characters)', parse: numberIn(80, 65536, true), default: () => 4096 },
  maxInputBuffer: { env: 'MAID_MAX_INPUT_BUFFER', accepted: '256-16777216 (bytes)', parse: numberIn(256, 16 * 1024 * 1024, true), default: () => 32 * 1024 },
  maxSubnegotiation: { env: 'MAID_MAX_SUBNEGOTIATION', accepted: '64-16777216 (bytes)', parse: numberIn(64, 16 * 1024 * 1024, true), default: () => 8 * 1024 },
  commandsPerSecond: { env: 'MAID_COMMANDS_PER_SECOND', accepted: '1-10000', parse: numberIn(1, 10_000, false), default: () => 20 },
  maxQueuedCommands: { env: 'MAID_MAX_QUEUED_COMMANDS', accepted: '1-100000', parse: numberIn(1, 100_000, true), default: () => 50 },
  maxOutputBuffer: { env: 'MAID_MAX_OUTPUT_BUFFER', accepted: '4096-1073741824 (bytes)', parse: numberIn(4096, 1024 * 1024 * 1024, true), default: () => 1024 * 1024 },
  loginTimeout: { env: 'MAID_LOGIN_TIMEOUT', accepted: '1-86400 (seconds)', parse: numberIn(1, 86_400, false), default: () => 120 },
  idleTimeout: { env: 'MAID_IDLE_TIMEOUT', accepted: '0-604800 (seconds; 0: never)', parse: numberIn(0, 604_800, false), default: () => 3600 },
  maxConnectionsPerAddress: { env: 'MAID_MAX_CONNECTIONS_PER_ADDRESS', accepted: '1-100000', parse: numberIn(1, 100_000, true), default: () => 20 },
  maxConnections: { env: 'MAID_MAX_CONNECTIONS', accepted: '1-1000000', parse: numberIn(1, 1_000_000, true), default: () => 5000 },
  connectionsPerSecondPerAddress: { env: 'MAID_CONNECTIONS_PER_SECOND', accepted: '1-100000', parse: numberIn(1, 100_000, false), default: () => 10 },
  maxInputBytesPerSecond: { env: 'MAID_MAX_INPUT_BYTES_PER_SECOND', accepted: '1024-1073741824 (bytes)', parse: numberIn(1024, 1024 * 1024 * 1024, true), default: () => 64 * 1024 },
  maxNegotiationsPerSecond: { env: 'MAID_MAX_NEGOTIATIONS_PER_SECOND', accepted: '10-1000000', parse: numberIn(10, 1_000_000, true), default: () => 50 },
  lockTimeout: { env: 'MAID_LOCK_TIMEOUT', accepted: '0-3600 (seconds)', parse: numberIn(0, 3600, false), default: () => 10 },
};

export const SETTINGS_ENV: Readonly<Record<keyof Settings, string>> = Object.fromEntries(
  Object.entries(FIELDS).map(([k, f]) => [k, f.env]),
) as Record<keyof Settings, string>;

export interface SettingsSources {
  /** Values that win over everything (command-line flags). */
  overrides?: Partial<Settings>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** A JSON config file; default `MAID_CONFIG` or `./maid.config.json` when present. */
  configFile?: string;
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SettingsError(`Cannot read config file ${path}: ${(err as Error).message}`, 'MAID_CONFIG');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SettingsError(`Config file ${path} must hold a JSON object`, 'MAID_CONFIG');
  }
  const known = new Set(Object.keys(FIELDS));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new SettingsError(`Unknown setting "${key}" in ${path}: known settings are ${[...known].join(', ')}`, key);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Settings from, lowest to highest precedence: defaults, the config file,
 * `MAID_*` environment variables, explicit overrides. Every value is validated;
 * a bad one throws a SettingsError naming where it came from and what is accepted.
 */
export function getSettings(sources: SettingsSources = {}): Settings {
  const env = sources.env ?? process.env;
  const cwd = sources.cwd ?? process.cwd();
  const configPath = sources.configFile ?? env.MAID_CONFIG ?? resolve(cwd, 'maid.config.json');
  const fromFile = sources.configFile || env.MAID_CONFIG || existsSync(configPath) ? readConfigFile(configPath) : {};

  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(FIELDS) as [keyof Settings, Field<keyof Settings>][]) {
    const override = sources.overrides?.[key];
    const envRaw = env[field.env];
    if (override !== undefined) result[key] = field.parse(override, `--${key}`);
    else if (envRaw !== undefined) result[key] = field.parse(envRaw, field.env);
    else if (fromFile[key] !== undefined) result[key] = field.parse(fromFile[key], `${key} (in ${configPath})`);
    else result[key] = field.default(cwd);
  }
  const settings = result as unknown as Settings;
  if (settings.debug && sources.overrides?.logLevel === undefined && env.MAID_LOG_LEVEL === undefined) {
    settings.logLevel = 'DEBUG';
  }
  return settings;
}
