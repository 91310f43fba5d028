import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GameEngine } from '../engine';
import { engineBackend, type AdminBackend } from './backend';
import { isProcessAlive } from './client';
import { serverAnswers } from './probe';
import { newToken, readCredentials, removeCredentials, writeCredentials } from './credentials';
import { AdminError } from './errors';
import { ReloadEventStreams } from './event-stream';
import { refusalOf } from './guard';
import { isLoopbackHost } from './loopback';
import { checkRequestTarget } from './request-target';
import type { AdminEngineStatus } from './protocol';
import { route, sendError } from './routes';
import { boundField } from '../core/log-fields';
import { RepeatedWarnings } from '../core/repeated-warnings';

export interface AdminServerOptions {
  /** The game the API serves: an engine in this process, or (behind a gateway) a backend that asks the engine process. */
  engine?: GameEngine;
  backend?: AdminBackend;
  /** Where `admin.json` (the URL and the token) is written. */
  dataDir: string;
  /** A loopback address; anything else is refused. Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port (clients find it in admin.json). */
  port?: number;
}

/**
 * The admin API of a running server: lists packs and reloads, reloads packs
 * and modules, streams reload events. Listens on loopback only, and answers
 * only requests that carry the token it wrote to `<dataDir>/admin.json`.
 */
export class AdminServer {
  private constructor(
    private readonly server: Server,
    private readonly streams: ReloadEventStreams,
    private readonly dataDir: string,
    private readonly token: string,
    private readonly warnings: RepeatedWarnings,
    readonly url: string,
    readonly credentialsFile: string,
  ) {}

  static async start(options: AdminServerOptions): Promise<AdminServer> {
    const { dataDir } = options;
    const backend = options.backend ?? (options.engine ? engineBackend(options.engine) : undefined);
    if (!backend) throw new AdminError('failed', 'The admin API needs an engine or a backend to serve');
    const requested = options.host ?? '127.0.0.1';
    if (!isLoopbackHost(requested)) {
      throw new AdminError('bad-request', `The admin API listens on loopback addresses only (127.0.0.1, ::1, localhost), not on ${requested}: it can reload code, so only this machine may reach it`);
    }
    const host = requested === 'localhost' ? '127.0.0.1' : requested;
    await refuseSecondServer(dataDir);
    const warnings = new RepeatedWarnings(backend.logger);

    const token = newToken();
    const startedAt = Date.now();
    const streams = new ReloadEventStreams((listener) => backend.onReload(listener));
    let port = 0;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      try {
        const target = checkRequestTarget(req.url);
        if (!target.ok) {
          warnings.log('malformed', `Admin API refused a malformed request: ${target.message}`);
          return sendError(res, 400, 'bad-request', target.message);
        }
        const refusal = refusalOf(req, token, port);
        if (refusal) {
          warnings.log(`refused:${refusal.code}`, `Admin API refused ${req.method} ${boundField(req.url)}: ${refusal.message}`);
          return sendError(res, refusal.status, refusal.code, refusal.message);
        }
        backend.logger.debug(`Admin API: ${req.method} ${boundField(req.url)}`);
        route({ backend, startedAt, streams }, req, res, target.url).catch((err) => answerFailure(backend, res, err));
      } catch (err) {
        answerFailure(backend, res, err);
      }
    });
    server.requestTimeout = 0; // a reload with large migrations may take a while; streams stay open
    server.headersTimeout = 10_000;

    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'EADDRINUSE' ? 'the port is in use; choose another --admin-port, or 0 for any free port' : err.message;
        reject(new AdminError('failed', `Cannot start the admin API on ${host}:${options.port ?? 0}: ${why}`, { cause: err }));
      });
      server.listen(options.port ?? 0, host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let file: string;
    try {
      file = writeCredentials(dataDir, { url, token, pid: process.pid, startedAt });
    } catch (err) {
      server.close();
      throw new AdminError('failed', `Cannot write the admin API's token to ${dataDir}: ${(err as Error).message}`, { cause: err });
    }
    return new AdminServer(server, streams, dataDir, token, warnings, url, file);
  }

  /** Tells every open event stream that the engine process changed state. */
  engineEvent(data: { state: AdminEngineStatus['state']; cause: string; generation: number }): void {
    this.streams.broadcast({ type: 'engine', data });
  }

  /** Ends open event streams, stops listening and deletes the token file. */
  async stop(): Promise<void> {
    this.streams.close();
    this.warnings.flush();
    removeCredentials(this.dataDir, this.token);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** A handler that threw: logged, and answered with a 500 if nothing was sent yet; the process goes on. */
function answerFailure(backend: AdminBackend, res: ServerResponse, err: unknown): void {
  backend.logger.error(`Admin API: a request failed: ${boundField(backend.describeError(err))}`);
  if (!res.headersSent) sendError(res, 500, 'internal', 'The server failed to answer; the details are in its log');
  else res.destroy();
}

/**
 * Two servers on one data directory would share its world database and
 * overwrite each other's token: if the server named in admin.json still
 * answers with its token, refuse to start. A file left by a crash is stale
 * and gets replaced.
 */
async function refuseSecondServer(dataDir: string): Promise<void> {
  let existing;
  try {
    existing = readCredentials(dataDir);
  } catch {
    return; // malformed: not a server's, replaced below
  }
  if (!existing || !isProcessAlive(existing.pid)) return;
  // A short probe: a server stopped with SIGSTOP accepts the connection and never answers.
  if (await serverAnswers(dataDir, existing.pid)) {
    throw new AdminError('failed', `Another maid server (pid ${existing.pid}) is running with the data directory ${dataDir}; stop it first, or give this one another --data-dir`);
  }
}
