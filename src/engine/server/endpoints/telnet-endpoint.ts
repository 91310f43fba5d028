/**
 * The telnet listener: accepts TCP connections, turns away those over the
 * connection limits with a message, and hands each other one, as a
 * Transport, to the server. Nothing a peer does can throw out of here.
 */
import net from 'node:net';
import { errorMessage } from '../../core/errors';
import { RepeatedWarnings, REPEAT_WINDOW_MS } from '../../core/repeated-warnings';
import type { Logger } from '../../core/logger';
import { TelnetConnection } from '../telnet/connection';
import type { MsspVariables } from '../telnet/mssp';
import type { TelnetOffers } from '../telnet/policy';
import type { ServerLimits } from '../options';
import type { ConnectionLimiter } from './connection-limiter';
import { listen, waitFor } from './listen';
import { TelnetTransport } from './telnet-transport';

export interface TelnetEndpointOptions {
  limits: ServerLimits;
  limiter: ConnectionLimiter;
  logger: Logger;
  offers?: Partial<TelnetOffers>;
  mssp: () => MsspVariables;
  accept(transport: TelnetTransport): void;
}

/** How long a closing connection may take to flush before its socket is destroyed. */
const CLOSE_TIMEOUT_MS = 2000;

export class TelnetEndpoint {
  /** Refused connections come in floods: one log line per 10 s, with a count. */
  private readonly turnedAway: RepeatedWarnings;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly options: TelnetEndpointOptions) {
    this.turnedAway = new RepeatedWarnings(options.logger, REPEAT_WINDOW_MS, 'INFO');
    this.server = net.createServer({ noDelay: true, keepAlive: true, keepAliveInitialDelay: 60_000 }, (socket) => {
      try {
        this.connection(socket);
      } catch (err) {
        options.logger.error(`Telnet connection from ${socket.remoteAddress} failed to start: ${errorMessage(err)}`);
        socket.destroy();
      }
    });
    this.server.on('error', (err) => options.logger.error(`Telnet listener: ${errorMessage(err)}`));
  }

  listen(host: string, port: number): Promise<{ host: string; port: number }> {
    return listen(this.server, host, port, 'telnet');
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  /** Stops accepting; resolves once every connection is gone (destroying stragglers after a while). */
  async close(): Promise<void> {
    this.turnedAway.flush();
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await waitFor(() => this.sockets.size === 0, CLOSE_TIMEOUT_MS + 500);
    for (const socket of this.sockets) socket.destroy();
    await stopped;
  }

  private connection(socket: net.Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    const admission = this.options.limiter.admit(address);
    if (!admission.ok) {
      socket.on('error', () => {});
      socket.end(`${admission.message}\r\n`);
      setTimeout(() => socket.destroy(), CLOSE_TIMEOUT_MS).unref();
      this.turnedAway.log('turned-away', `Turned away a telnet connection from ${address}: ${admission.message}`);
      return;
    }
    const { limits, logger } = this.options;
    const conn = new TelnetConnection(socket, {
      maxLineLength: limits.maxLineLength,
      maxBufferedBytes: limits.maxInputBuffer,
      maxSubnegotiation: limits.maxSubnegotiation,
      maxOutputBuffer: limits.maxOutputBuffer,
      maxInputBytesPerSecond: limits.maxInputBytesPerSecond,
      maxNegotiationsPerSecond: limits.maxNegotiationsPerSecond,
      closeTimeoutMs: CLOSE_TIMEOUT_MS,
      ...(this.options.offers ? { offers: this.options.offers } : {}),
      mssp: this.options.mssp,
      onError: (err) => logger.error(`Telnet connection from ${address}: ${errorMessage(err)}`),
    });
    conn.on('close', admission.release);
    socket.once('close', admission.release);
    this.options.accept(new TelnetTransport(conn, address));
  }
}
