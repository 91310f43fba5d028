/** The options and events of a `TelnetConnection`. */
import type { ColorLevel } from './ansi';
import type { GmcpMessage } from './gmcp';
import type { MsspVariables } from './mssp';
import type { TerminalInfo } from './mtts';
import type { NawsBounds, WindowSize } from './naws';
import type { OptionPolicy, Side } from './options';
import type { TelnetOffers } from './policy';

export interface TelnetConnectionOptions {
  /** Longest input line, in UTF-16 code units (longer: truncated, `limit` overlong). Default 4096. */
  maxLineLength?: number;
  /** Most input bytes without a line end (more: line dropped, `limit` buffer). Default 32768. */
  maxBufferedBytes?: number;
  /** Largest subnegotiation payload accepted (larger: dropped, `limit` subnegotiation). Default 8192. */
  maxSubnegotiation?: number;
  /** Input bytes a second; past it the socket is not read until the budget recovers (backpressure). Default: no limit. */
  maxInputBytesPerSecond?: number;
  /** Negotiations (DO, DONT, WILL, WONT) handled a second; more are ignored. Default: no limit. */
  maxNegotiationsPerSecond?: number;
  /** Output bytes waiting in the socket above which the connection is dropped. Default 1 MiB. */
  maxOutputBuffer?: number;
  /** What to offer on connect; all on by default. */
  offers?: Partial<TelnetOffers>;
  /** Which peer proposals to accept (before switched-off offers are removed from it). */
  policy?: OptionPolicy;
  /** MSSP variables, read when a client asks (DO MSSP, or a plain `MSSP-REQUEST` first line). */
  mssp?: () => MsspVariables;
  /** GMCP top-level packages sent only if the client listed them in Core.Supports. Default Char, Room. */
  gmcpGatedPackages?: readonly string[];
  /** Colour level until the client's terminal type says otherwise. Default 'none'. */
  defaultColorLevel?: ColorLevel;
  naws?: Partial<NawsBounds>;
  /** zlib level for MCCP2. Default 6. */
  compressionLevel?: number;
  /** After close(), how long to wait for the peer before destroying the socket. Default 2000 ms. */
  closeTimeoutMs?: number;
  /** Where listener exceptions and internal faults are reported. Default: console.error. */
  onError?: (err: unknown) => void;
}

export interface TelnetConnectionEvents {
  line: { text: string; truncated: boolean };
  limit: { limit: 'overlong' | 'buffer' | 'subnegotiation' | 'output' | 'input-rate' | 'negotiation-rate'; max: number; option?: number };
  gmcp: GmcpMessage;
  naws: WindowSize;
  /** After each TTYPE answer; `done` on the last. */
  ttype: { info: TerminalInfo; done: boolean };
  /** An option side turned on or off. */
  option: { side: Side; option: number; enabled: boolean };
  /** CHARSET outcome: the accepted name, or null when the client rejected our request. */
  charset: { charset: string | null };
  /** IP, BRK, AO, AYT, EC, EL, NOP, GA, EOR or DM from the client. */
  command: { command: number };
  /** The peer broke the protocol; the bytes were ignored. Informational. */
  protocolError: { message: string };
  close: { reason: string };
}
