/**
 * The WebSocket endpoint for the studio terminal and web clients: an HTTP
 * server whose upgrades speak `gmcp.mudstandards.org`. A client offering
 * only other subprotocols is refused with 400 and a reason; a plain HTTP
 * request gets 426 and a line saying how to connect.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { errorMessage } from '../../core/errors';
import { RepeatedWarnings, REPEAT_WINDOW_MS } from '../../core/repeated-warnings';
import type { Logger } from '../../core/logger';
import type { ServerLimits } from '../options';
import type { ConnectionLimiter } from './connection-limiter';
import { listen, waitFor } from './listen';
import { GMCP_SUBPROTOCOL, WebSocketTransport } from './websocket-transport';

export interface WebSocketEndpointOptions {
  limits: ServerLimits;
  limiter: ConnectionLimiter;
  logger: Logger;
  accept(transport: WebSocketTransport): void;
}

const CLOSE_TIMEOUT_MS = 2000;
/** Largest upgrade request head accepted. */
const MAX_HEADER_BYTES = 16 * 1024;

export class WebSocketEndpoint {
  /** Refused connections come in floods: one log line per 10 s, with a count. */
  private readonly turnedAway: RepeatedWarnings;
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly options: WebSocketEndpointOptions) {
    this.turnedAway = new RepeatedWarnings(options.logger, REPEAT_WINDOW_MS, 'INFO');
    // A GMCP frame is the largest text frame and a chunk of input the largest binary one.
    const maxPayload = Math.max(options.limits.maxInputBuffer, options.limits.maxSubnegotiation);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (offered) => (offered.has(GMCP_SUBPROTOCOL) ? GMCP_SUBPROTOCOL : false),
    });
    this.http = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket', Connection: 'close' });
      res.end(`This is the game's WebSocket endpoint: connect with a WebSocket client, subprotocol ${GMCP_SUBPROTOCOL}.\n`);
    });
    this.http.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        this.upgrade(req, socket, head);
      } catch (err) {
        options.logger.error(`WebSocket upgrade failed: ${errorMessage(err)}`);
        socket.destroy();
      }
    });
    this.http.on('clientError', (_err, socket) => socket.destroy());
    this.http.on('error', (err) => options.logger.error(`WebSocket listener: ${errorMessage(err)}`));
  }

  async listen(host: string, port: number): Promise<{ host: string; port: number; url: string }> {
    const bound = await listen(this.http, host, port, 'WebSocket');
    const urlHost = bound.host.includes(':') ? `[${bound.host}]` : bound.host;
    return { ...bound, url: `ws://${urlHost}:${bound.port}/` };
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    this.turnedAway.flush();
    const stopped = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeIdleConnections?.();
    await waitFor(() => this.sockets.size === 0, CLOSE_TIMEOUT_MS + 500);
    for (const ws of this.sockets) ws.terminate();
    this.http.closeAllConnections?.();
    await stopped;
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {});
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (offered.length > 0 && !offered.includes(GMCP_SUBPROTOCOL)) {
      const body = `This endpoint speaks the ${GMCP_SUBPROTOCOL} subprotocol only (offered: ${offered.join(', ').slice(0, 200)}).\n`;
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const admission = this.options.limiter.admit(address);
      if (!admission.ok) {
        // Said in the game's own words, then closed: "try again later".
        ws.send(Buffer.from(`${admission.message}\r\n`, 'utf8'), { binary: true });
        ws.close(1013, 'Too many connections');
        setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS).unref();
        this.turnedAway.log('turned-away', `Turned away a WebSocket connection from ${address}: ${admission.message}`);
        return;
      }
      this.sockets.add(ws);
      ws.once('close', () => {
        this.sockets.delete(ws);
        admission.release();
      });
      this.options.accept(new WebSocketTransport(ws, address, this.options.limits));
    });
  }
}
