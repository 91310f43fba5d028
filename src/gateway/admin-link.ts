/**
 * The admin API's backend behind a gateway: each question about packs and
 * reloads is a request frame to the engine process, answered by a response
 * frame. While the engine restarts, the status still answers (from the
 * gateway) and the rest wait for the new engine, for a bounded time.
 */
import { AdminError, type AdminBackend, type AdminEngineStatus, type AdminPackInfo, type AdminRestartResponse, type AdminRolesResponse, type AdminStatus } from '../engine/admin';
import type { RoleChange } from '../engine/accounts/roles';
import { errorMessage, type Logger, type Settings } from '../engine/host';
import type { ReceivedEngineFrame, EngineRequestOp } from '../link/frames';
import type { Supervisor } from './supervisor';

/** How long a request waits for a restarting engine, and then for its answer (a reload with migrations can be slow). */
const REQUEST_TIMEOUT_MS = 60_000;

interface Pending {
  resolve(body: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** Requests that only read what any engine would answer alike, so a restarted one may be asked again. */
const REPEATABLE_REQUESTS: ReadonlySet<EngineRequestOp> = new Set(['packs', 'unloaded']);

export class AdminLink implements AdminBackend {
  private readonly pending = new Map<number, Pending>();
  private readonly reloadListeners = new Set<(result: unknown) => void>();
  private nextId = 1;

  constructor(
    readonly logger: Logger,
    private readonly settings: Settings,
    private readonly supervisor: Supervisor,
    private readonly restartEngine: (reason: string) => Promise<AdminRestartResponse>,
  ) {}

  /** Frames from the engine this backend owns: responses and reload results. */
  receive(frame: ReceivedEngineFrame): void {
    if (frame.t === 'reload') {
      for (const listener of this.reloadListeners) listener(frame.result);
      return;
    }
    if (frame.t !== 'response') return;
    const pending = this.pending.get(frame.id);
    if (!pending) return;
    this.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.ok) pending.resolve(frame.body);
    else pending.reject(new AdminError(frame.kind, frame.message));
  }

  /** The engine went away: what it was answering is answered with a retry hint. */
  engineDown(cause: string): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(new AdminError('no-server', `The engine stopped before answering (${cause}); it is restarting, try again in a moment`));
    }
  }

  describeError(err: unknown): string {
    return errorMessage(err);
  }

  async status(startedAt: number): Promise<AdminStatus> {
    const engine = this.engineStatus();
    if (this.supervisor.state === 'running') {
      try {
        const status = (await this.request('status', startedAt)) as AdminStatus;
        return { ...status, pid: process.pid, engine };
      } catch (err) {
        if (!(err instanceof AdminError) || err.kind !== 'no-server') throw err;
      }
    }
    return { pid: process.pid, startedAt, uptime: (Date.now() - startedAt) / 1000, packs: 0, ticks: 0, tickRate: this.settings.tickRate, watching: [], engine: this.engineStatus() };
  }

  async packs(): Promise<AdminPackInfo[]> {
    return (await this.request('packs')) as AdminPackInfo[];
  }

  async reloads(): Promise<unknown[]> {
    return (await this.request('reloads')) as unknown[];
  }

  reload(request: unknown): Promise<unknown> {
    return this.request('reload', request);
  }

  async roles(request: RoleChange): Promise<AdminRolesResponse> {
    return (await this.request('roles', request)) as AdminRolesResponse;
  }

  restart(reason: string): Promise<AdminRestartResponse> {
    return this.restartEngine(reason);
  }

  onReload(listener: (result: unknown) => void) {
    this.reloadListeners.add(listener);
    return { dispose: () => void this.reloadListeners.delete(listener) };
  }

  engineStatus(): AdminEngineStatus {
    const s = this.supervisor;
    return {
      pid: s.pid,
      state: s.state,
      generation: s.generation,
      restarts: s.restarts,
      ...(s.committedTick !== undefined ? { committedTick: s.committedTick } : {}),
      ...(s.savedThroughTick !== undefined ? { savedThroughTick: s.savedThroughTick } : {}),
      ...(s.lastRestart ? { lastRestart: s.lastRestart } : {}),
      ...(s.failure !== undefined ? { failure: s.failure } : {}),
      disabled: [...s.disabled].map(([name, reason]) => ({ name, reason })),
    };
  }

  /** A request to the engine: the admin routes' and the studio's. */
  ask(op: EngineRequestOp, body?: unknown): Promise<unknown> {
    return this.request(op, body);
  }

  /**
   * A request the engine answers. A read in flight when the engine went down
   * (a crash, or a stall its watchdog ended, even as a host starts) is asked
   * again of the next engine: its answer does not depend on which one gives it.
   */
  private async request(op: EngineRequestOp, body?: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.requestOnce(op, body);
      } catch (err) {
        if (err instanceof AdminError && err.kind === 'no-server' && REPEATABLE_REQUESTS.has(op) && attempt < 3 && (await this.supervisor.whenRunning())) continue;
        throw err;
      }
    }
  }

  private async requestOnce(op: EngineRequestOp, body?: unknown): Promise<unknown> {
    if (!(await this.supervisor.whenRunning())) throw new AdminError('no-server', 'The engine is not running; the log says why');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AdminError('failed', `The engine did not answer ${op} within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      const frame = body === undefined ? { t: 'request' as const, id, op } : { t: 'request' as const, id, op, body };
      if (!this.supervisor.send(frame)) {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(new AdminError('no-server', 'The engine is restarting; try again in a moment'));
      }
    });
  }
}
