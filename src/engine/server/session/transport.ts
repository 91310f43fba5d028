/**
 * What a game session needs from a connection, whatever carries it: telnet
 * over TCP, or the `gmcp.mudstandards.org` WebSocket subprotocol. Sessions
 * (and the login flow) only ever see this, so both transports behave alike.
 */

export type TransportProtocol = 'telnet' | 'websocket';

/** A limit the peer ran into; the session tells the player (or, for `output`, the connection is gone). */
export type TransportLimit = 'line' | 'input' | 'subnegotiation' | 'output';

export interface TransportHandlers {
  /** A complete input line (control characters removed). */
  line(text: string): void;
  /** A GMCP message from the client (Core.* already applied by the transport). */
  gmcp(pkg: string, data: unknown): void;
  limit(limit: TransportLimit, max: number): void;
  /** The connection is gone, whoever closed it. Called once. */
  closed(reason: string): void;
  /** What `caps()` returns changed (the client turned GMCP on, listed packages). */
  capsChanged?(): void;
}

/** What a transport knows of the client's GMCP: whether it takes GMCP, and the packages it listed ("char 1"). */
export interface TransportCaps {
  gmcp: boolean;
  supports: string[];
}

export interface Transport {
  readonly protocol: TransportProtocol;
  /** The peer's address, for limits and the log. */
  readonly address: string;
  readonly isOpen: boolean;
  /** The client program, when it said (TTYPE, Core.Hello). */
  readonly clientName: string | undefined;
  /** Starts delivering events; until then nothing is lost, input waits. */
  bind(handlers: TransportHandlers): void;
  /** Resolves once the client has said how to talk to it (colours, size), or after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>;
  /**
   * Game text (colour markup allowed; one `\n` per line end) and, when
   * given, a prompt after it, marked as a prompt the way the client expects.
   * `answer`: this write ends the answer to a line the player typed; a
   * transport that relays output (the gateway's) may send it ahead of
   * other sessions' output, the others ignore it.
   */
  write(text: string, prompt?: string, answer?: boolean): void;
  /**
   * The same as `write` of these lines, each followed by `\n`, after a `\n`
   * when `lead`. A transport that relays output to another process takes
   * the lines as the session was sent them: a line told to a whole room is
   * one string, sent once. Without it the session joins the lines itself.
   */
  writeLines?(lines: string[], lead: boolean, prompt?: string, answer?: boolean): void;
  /** Whether `sendData(pkg)` would reach the client now (it agreed to GMCP and, for Char/Room, listed the package). */
  acceptsData(pkg: string): boolean;
  sendData(pkg: string, data?: unknown): void;
  /** Hides (true) or shows again what the player types: for passwords. */
  setEcho(hidden: boolean): void;
  /** Sends what is pending, then closes. Safe to call twice. */
  close(): void;
  /**
   * The session now plays this character. A transport that outlives the
   * engine (the gateway's, across a restart) keeps it to put the player
   * back without logging in.
   */
  playing?(character: PlayingCharacter): void;
  /** The client's GMCP state, for a session in another process to decide as `acceptsData` would. */
  caps?(): TransportCaps;
}

export interface PlayingCharacter {
  account: string;
  character: string;
  entityId: string;
}
