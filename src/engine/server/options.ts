/**
 * What a GameServer can be told: where to listen, and the limits that keep
 * one client from hurting the others. Every limit has a setting (and a
 * `MAID_*` variable); options passed in code win over them.
 */
import type { Settings } from '../core/settings';
import type { ScryptParams } from '../accounts/password';
import type { TelnetOffers } from './telnet';

export interface ServerLimits {
  /** Longest input line, in characters; a longer one is refused with a message. */
  maxLineLength: number;
  /** Most input bytes without a line end; past it the pending input is discarded with a message. */
  maxInputBuffer: number;
  /** Largest telnet subnegotiation, or WebSocket GMCP frame, in bytes; larger ones are ignored. */
  maxSubnegotiation: number;
  /** Input lines run per second per session; more wait in the session's queue. */
  commandsPerSecond: number;
  /** Lines that may wait in a session's queue; past it a line is dropped with a message. */
  maxQueuedCommands: number;
  /** Output bytes waiting for a client that does not read, after which it is disconnected. */
  maxOutputBuffer: number;
  /** How long a connection may take to log in, in ms. */
  loginTimeoutMs: number;
  /** How long a player may go without typing before the session ends, in ms; 0: never. */
  idleTimeoutMs: number;
  /** Connections at once from one address; more are turned away with a message. */
  maxConnectionsPerAddress: number;
  /** Connections at once in all. */
  maxConnections: number;
  /** New connections a second from one address (a burst of twice as many); more are turned away with a message. */
  connectionsPerSecondPerAddress: number;
  /** Input bytes a second per connection; past it that socket is not read for a while (backpressure). */
  maxInputBytesPerSecond: number;
  /** Telnet negotiations (DO, DONT, WILL, WONT) handled a second per connection; more are ignored. */
  maxNegotiationsPerSecond: number;
  /** Wrong names, passwords or confirmations one connection may type before it is closed. */
  maxLoginAttempts: number;
}

export interface GameServerOptions {
  /** Interface to listen on. Default: settings.host (127.0.0.1). */
  host?: string;
  /** Telnet port; 0 picks a free one. Default: settings.port (4000). */
  port?: number;
  /** WebSocket port (0 picks a free one), or false for none. Default: settings.webSocketPort (4001) unless settings.webSocket is off. */
  webSocketPort?: number | false;
  /** Limits over the settings' values. */
  limits?: Partial<ServerLimits>;
  /** Restore the world from storage on start and commit every tick. Default true; needs the server made before engine.start(). */
  persistWorld?: boolean;
  /** scrypt cost for new password hashes. Default: accounts' DEFAULT_SCRYPT_PARAMS (tests use cheaper ones). */
  passwordParams?: ScryptParams;
  /** The prompt shown after each command. Default "> ". */
  prompt?: string;
  /** The game's name (banner, MSSP). Default: settings.gameName. */
  gameName?: string;
  /** How long to wait for a client's answers about its terminal before the banner, in ms. Default 500. */
  negotiationTimeoutMs?: number;
  /** Telnet options offered on connect (all by default). */
  telnetOffers?: Partial<TelnetOffers>;
}

export const DEFAULT_PROMPT = '> ';
export const DEFAULT_MAX_LOGIN_ATTEMPTS = 5;

/** The limits in force: the settings, with the options' own values on top. */
export function limitsFrom(settings: Settings, overrides: Partial<ServerLimits> = {}): ServerLimits {
  return {
    maxLineLength: settings.maxLineLength,
    maxInputBuffer: settings.maxInputBuffer,
    maxSubnegotiation: settings.maxSubnegotiation,
    commandsPerSecond: settings.commandsPerSecond,
    maxQueuedCommands: settings.maxQueuedCommands,
    maxOutputBuffer: settings.maxOutputBuffer,
    loginTimeoutMs: settings.loginTimeout * 1000,
    idleTimeoutMs: settings.idleTimeout * 1000,
    maxConnectionsPerAddress: settings.maxConnectionsPerAddress,
    maxConnections: settings.maxConnections,
    connectionsPerSecondPerAddress: settings.connectionsPerSecondPerAddress,
    maxInputBytesPerSecond: settings.maxInputBytesPerSecond,
    maxNegotiationsPerSecond: settings.maxNegotiationsPerSecond,
    maxLoginAttempts: DEFAULT_MAX_LOGIN_ATTEMPTS,
    ...overrides,
  };
}
