/** A TelnetConnection as a session's Transport. */
import { Opt } from '../telnet/constants';
import type { TelnetConnection, TelnetConnectionEvents } from '../telnet/connection';
import type { Transport, TransportCaps, TransportHandlers, TransportLimit } from '../session/transport';
import { GATED_GMCP_PACKAGES, isCoreGmcp, topLevelPackage } from './gmcp-packages';

/** The limits a session tells its player about; the rate limits act silently (the socket waits, floods are ignored). */
const LIMITS: Partial<Record<TelnetConnectionEvents['limit']['limit'], TransportLimit>> = {
  overlong: 'line',
  buffer: 'input',
  subnegotiation: 'subnegotiation',
  output: 'output',
};

export class TelnetTransport implements Transport {
  readonly protocol = 'telnet';

  constructor(
    private readonly conn: TelnetConnection,
    readonly address: string,
  ) {}

  get isOpen(): boolean {
    return this.conn.isOpen;
  }

  get clientName(): string | undefined {
    return this.conn.gmcpSupports.hello.client ?? this.conn.terminal.clientName;
  }

  /** The connection, for what only telnet has (window size, colour level, options). */
  get connection(): TelnetConnection {
    return this.conn;
  }

  bind(handlers: TransportHandlers): void {
    this.conn.on('line', ({ text, truncated }) => {
      // The overlong limit already told the player; a cut line is not run.
      if (!truncated) handlers.line(text);
    });
    this.conn.on('limit', ({ limit, max }) => {
      const told = LIMITS[limit];
      if (told) handlers.limit(told, max);
    });
    this.conn.on('gmcp', (message) => {
      if (!isCoreGmcp(message.package)) handlers.gmcp(message.package, message.data);
      else if (message.package.toLowerCase() === 'core.ping') this.conn.sendGmcp('Core.Ping');
      else handlers.capsChanged?.();
    });
    this.conn.on('option', ({ option }) => {
      if (option === Opt.GMCP) handlers.capsChanged?.();
    });
    this.conn.on('close', ({ reason }) => handlers.closed(reason));
    if (!this.conn.isOpen) handlers.closed('peer');
  }

  ready(timeoutMs: number): Promise<void> {
    return this.conn.whenNegotiated(timeoutMs);
  }

  write(text: string, prompt?: string): void {
    if (prompt === undefined) this.conn.send(text);
    else this.conn.prompt(text + prompt);
  }

  acceptsData(pkg: string): boolean {
    if (!this.conn.isOpen || !this.conn.enabled('us', Opt.GMCP)) return false;
    return !GATED_GMCP_PACKAGES.has(topLevelPackage(pkg)) || this.conn.gmcpSupports.supports(pkg);
  }

  sendData(pkg: string, data?: unknown): void {
    this.conn.sendGmcp(pkg, data);
  }

  caps(): TransportCaps {
    return { gmcp: this.conn.isOpen && this.conn.enabled('us', Opt.GMCP), supports: this.conn.gmcpSupports.list().map(([name, version]) => `${name} ${version}`) };
  }

  setEcho(hidden: boolean): void {
    this.conn.setEcho(hidden);
  }

  close(): void {
    this.conn.close('server');
  }
}
