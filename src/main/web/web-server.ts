import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StudioApi, StudioEvent } from '../../shared/api';
import { StudioError, type Envelope, type StudioErrorCode } from '../../shared/errors';
import { API_PREFIX, EVENTS_PATH, HTTP_STATUS, MAX_REQUEST_BYTES, TOKEN_PARAM } from '../../shared/web-protocol';
import { checkRequestTarget } from '../../engine/admin/request-target';
import { dispatch, type InternalErrorReporter } from '../api/dispatch';
import type { EventHub } from '../host/event-hub';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../security/csp';
import { AccessPolicy, newToken } from './access';
import { StaticFiles } from './static-files';

export interface WebServerOptions {
  api: StudioApi;
  events: EventHub;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** When the port is taken, take a free one instead of failing. */
  fallbackToFreePort?: boolean;
  /** The per-launch secret; a fresh random one by default. */
  token?: string;
  reportInternal?: InternalErrorReporter;
}

export interface RunningWebServer {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Resolves once the studio page has been sent to a browser. */
  firstPageServed: Promise<void>;
  close(): Promise<void>;
}

/** A client whose event stream backs up past this is cut off rather than let the host's memory grow. */
const MAX_BUFFERED_EVENT_BYTES = 32 * 1024 * 1024;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  const status = envelope.ok ? 200 : HTTP_STATUS[envelope.error.code];
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(envelope), { 'Cache-Control': 'no-store' });
}

function refuse(res: ServerResponse, code: StudioErrorCode, message: string): void {
  sendEnvelope(res, { ok: false, error: { code, message } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        // Stop keeping it, let the rest drain, and answer 413.
        req.removeAllListeners('data');
        req.resume();
        reject(new StudioError('too-large', `The request is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MB`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Web mode's transport: the renderer over HTTP, the studio API as POST
 * /api/<method>, and the event stream over a WebSocket, on 127.0.0.1 only.
 * The page and the API need the launch token; the API and the event
 * stream also need our own Origin (when the browser sends one) and a
 * loopback Host.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? newToken();
  let port = 0;
  const access = new AccessPolicy(token, () => port);
  // The page loads while the host boots, before the game's port is known: it may open WebSockets to loopback only.
  const csp = contentSecurityPolicy(['ws://127.0.0.1:*', 'ws://localhost:*']);
  const files = new StaticFiles(options.rendererDir);
  let pageServed: () => void = () => {};
  const firstPageServed = new Promise<void>((resolve) => (pageServed = resolve));

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    if (!access.originAllowed(req, false) || !access.fetchSiteAllowed(req)) return refuse(res, 'forbidden', 'Requests from other origins are refused');
    if (!access.tokenInHeader(req)) return refuse(res, 'unauthorized', 'The studio token is missing or wrong: open the URL the studio printed at launch');
    if (req.method !== 'POST') return refuse(res, 'invalid-argument', 'Studio calls are POST requests');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return refuse(res, 'invalid-argument', 'Studio calls send JSON (Content-Type: application/json)');
    let args: unknown;
    try {
      const body = JSON.parse(await readBody(req)) as { args?: unknown };
      args = body?.args ?? [];
    } catch (err) {
      if (err instanceof StudioError) return refuse(res, err.code, err.message);
      return refuse(res, 'invalid-argument', 'The request body is not valid JSON');
    }
    sendEnvelope(res, await dispatch(options.api, method, args, options.reportInternal));
  };

  const handlePage = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    if (isPage && !access.tokenInQuery(url)) {
      return send(res, 401, 'text/plain; charset=utf-8', 'MAID Studio: this page needs the token. Open the URL that `npm run studio` printed (it ends in ?token=...).');
    }
    const file = await files.get(isPage ? '/index.html' : url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    send(res, 200, file.type, file.body, {
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      ...(isPage ? { 'Content-Security-Policy': csp } : {}),
    });
    if (isPage) pageServed();
  };

  const failed = (res: ServerResponse, where: string, err: unknown) => {
    options.reportInternal?.(where.slice(0, 200), err);
    if (!res.headersSent) refuse(res, 'internal', 'The studio host failed; the details are in the log');
    else res.destroy();
  };
  const server: Server = createServer((req, res) => {
    try {
      // Before anything else: a target that cannot be decoded is the client's mistake, a 400, never a throw.
      const target = checkRequestTarget(req.url);
      if (!target.ok) return refuse(res, 'invalid-argument', target.message);
      const { url, segments } = target;
      if (!access.hostAllowed(req)) return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request: the studio answers on 127.0.0.1 only');
      const isApi = url.pathname.startsWith(API_PREFIX);
      const task = isApi ? handleApi(req, res, segments.slice(1).join('/')) : handlePage(req, res, url);
      task.catch((err) => failed(res, url.pathname, err));
    } catch (err) {
      failed(res, req.url ?? '/', err);
    }
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const deny = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    socket.on('error', () => socket.destroy());
    const target = checkRequestTarget(req.url);
    if (!target.ok) return deny(400, 'Bad Request');
    const { url } = target;
    if (url.pathname !== EVENTS_PATH) return deny(404, 'Not Found');
    if (!access.hostAllowed(req) || !access.originAllowed(req, true)) return deny(403, 'Forbidden');
    if (!access.tokenInQuery(url)) return deny(401, 'Unauthorized');
    sockets.handleUpgrade(req, socket, head, (ws) => attachEventStream(ws, options.events));
  });

  const listen = (wanted: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (err) {
    if (!options.fallbackToFreePort || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await listen(0);
  }
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    origin,
    port,
    token,
    firstPageServed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Streams host events to one renderer until it goes away. The renderer only listens; anything it sends is ignored. */
function attachEventStream(ws: WebSocket, events: EventHub): void {
  const unsubscribe = events.subscribe((event: StudioEvent) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_EVENT_BYTES) {
      ws.close(1013, 'Too far behind; reconnect');
      return;
    }
    ws.send(JSON.stringify(event));
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  const ping = setInterval(() => ws.readyState === ws.OPEN && ws.ping(), 20_000);
  ping.unref();
  ws.on('close', () => clearInterval(ping));
}
