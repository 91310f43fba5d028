import { request, type IncomingMessage } from 'node:http';
import type { ReloadResult } from '../hot-reload/types';
import { credentialsPath, readCredentials } from './credentials';
import { AdminError } from './errors';
import { ADMIN_ROUTES, type AdminCredentials, type AdminErrorBody, type AdminEvent, type AdminPackInfo, type AdminReloadRequest, type AdminReloadResponse, type AdminRestartResponse, type AdminRolesRequest, type AdminRolesResponse, type AdminStatus } from './protocol';
import { parseEventStream } from './sse-parser';

/** How long a call may go without a byte from the server. */
const CALL_TIMEOUT_MS = 120_000;

/** True when a process with this id exists (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface EventSubscription {
  /** Resolves when the stream ends (the server stopped, or close() was called). */
  readonly closed: Promise<void>;
  close(): void;
}

/**
 * Talks to the admin API of a running server. Every failure is an
 * AdminError whose kind says what happened and whose message says what to do.
 */
export class AdminClient {
  constructor(
    readonly credentials: AdminCredentials,
    /** The data directory the credentials came from, named in messages. */
    private readonly dataDir?: string,
  ) {}

  /** The client for the server that uses this data directory; `no-server` when none wrote its credentials there. */
  static fromDataDir(dataDir: string): AdminClient {
    let credentials: AdminCredentials | undefined;
    try {
      credentials = readCredentials(dataDir);
    } catch (err) {
      throw new AdminError('no-server', (err as Error).message);
    }
    if (!credentials) {
      throw new AdminError('no-server', `No running maid server found: there is no ${credentialsPath(dataDir)}. Start one with 'maid server start', or pass --data-dir with the data directory of the server you mean`);
    }
    return new AdminClient(credentials, dataDir);
  }

  /** Grants or revokes one role of an account on the running server. */
  roles(request: AdminRolesRequest): Promise<AdminRolesResponse> {
    return this.call('POST', ADMIN_ROUTES.roles, request);
  }

  status(): Promise<AdminStatus> {
    return this.call('GET', ADMIN_ROUTES.status);
  }

  async packs(): Promise<AdminPackInfo[]> {
    return (await this.call<{ packs: AdminPackInfo[] }>('GET', ADMIN_ROUTES.packs)).packs;
  }

  /** The reload history, oldest first; with `limit`, only the most recent ones. */
  async reloads(limit?: number): Promise<ReloadResult[]> {
    return (await this.call<{ reloads: ReloadResult[] }>('GET', `${ADMIN_ROUTES.reloads}${limit === undefined ? '' : `?limit=${limit}`}`)).reloads;
  }

  reload(req: AdminReloadRequest): Promise<AdminReloadResponse> {
    return this.call('POST', ADMIN_ROUTES.reload, req);
  }

  /** Restarts the engine process with the players kept connected (a server whose engine runs in its own process). */
  restart(reason?: string): Promise<AdminRestartResponse> {
    return this.call('POST', ADMIN_ROUTES.restart, reason === undefined ? {} : { reason });
  }

  /** Calls `listener` with each event of the server's reload stream until closed. */
  events(listener: (event: AdminEvent) => void): Promise<EventSubscription> {
    return new Promise((resolve, reject) => {
      const req = request(this.url(ADMIN_ROUTES.events), { method: 'GET', headers: this.headers() }, (res) => {
        if (res.statusCode !== 200) {
          void readBody(res).then((text) => reject(this.failure(res.statusCode ?? 0, text)), reject);
          return;
        }
        const closed = new Promise<void>((done) => res.on('close', () => done()));
        res.setEncoding('utf8');
        const feed = parseEventStream((type, data) => {
          try {
            listener({ type, data: JSON.parse(data) } as AdminEvent);
          } catch {
            // an event we cannot read is skipped, the stream goes on
          }
        });
        res.on('data', (chunk: string) => feed(chunk));
        resolve({ closed, close: () => req.destroy() });
      });
      req.on('error', (err) => reject(this.unreachable(err)));
      req.end();
    });
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers: Record<string, string | number> = { ...this.headers() };
      if (payload !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
      const req = request(this.url(path), { method, headers }, (res) => {
        readBody(res).then((t) => resolve({ status: res.statusCode ?? 0, text: t }), reject);
      });
      // A stopped (SIGSTOP) or wedged server must not hang the caller for ever; a reload with big migrations takes seconds, not minutes.
      req.setTimeout(CALL_TIMEOUT_MS, () => req.destroy(new AdminError('failed', `The server at ${this.credentials.url} did not answer ${method} ${path} within ${CALL_TIMEOUT_MS / 1000}s`)));
      req.on('error', (err) => reject(err instanceof AdminError ? err : this.unreachable(err)));
      req.end(payload);
    });
    if (status !== 200) throw this.failure(status, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AdminError('failed', `The server at ${this.credentials.url} answered ${path} with something that is not JSON`);
    }
  }

  private url(path: string): URL {
    return new URL(path, this.credentials.url);
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.credentials.token}`, Accept: 'application/json' };
  }

  private where(): string {
    return this.dataDir ? credentialsPath(this.dataDir) : 'the credentials';
  }

  private unreachable(err: Error): AdminError {
    const { url, pid } = this.credentials;
    const gone = !isProcessAlive(pid);
    const why = gone ? `the server that wrote ${this.where()} (pid ${pid}) is no longer running` : `nothing answers at ${url} (${(err as NodeJS.ErrnoException).code ?? err.message})`;
    return new AdminError('no-server', `No running maid server to talk to: ${why}. Start one with 'maid server start'${this.dataDir ? ` (data directory ${this.dataDir})` : ''}`, { cause: err });
  }

  private failure(status: number, text: string): AdminError {
    let message = `the server answered ${status}`;
    try {
      message = (JSON.parse(text) as AdminErrorBody).error.message;
    } catch {
      // not an error body: keep the status
    }
    if (status === 401) {
      return new AdminError('unauthorized', `The server at ${this.credentials.url} refused the token from ${this.where()}: ${message}. Restart the server to write a fresh token, or pass --data-dir with the data directory of the server you mean`);
    }
    if (status === 404) return new AdminError('not-found', message);
    if (status === 400 || status === 413) return new AdminError('bad-request', message);
    return new AdminError('failed', `The server at ${this.credentials.url} failed: ${message}`);
  }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
