/**
 * Keeps one engine host running. It restarts the engine when the process
 * exits or crashes, passes its heap limit (the process dies), or sends no
 * heartbeat for `engineTimeout` seconds; and on request (a copyover). A
 * pack that brings the engine down as it starts is disabled after three
 * tries in a row, and the engine comes up without it.
 */
import type { Logger, Settings } from '../engine/host';
import { LINK_PROTOCOL_VERSION, type ReceivedEngineFrame, type EngineHostConfig, type GatewayFrame } from '../link/frames';
import { describeExit, EngineProcess, type EngineExit } from './engine-process';

/** Tries in a row after which a pack that takes the engine down as it starts is left out. */
export const CRASHES_BEFORE_DISABLE = 3;
/** Failed starts in a row, none of them a pack's, after which the gateway stops trying. */
const START_FAILURES_BEFORE_GIVING_UP = 3;
/**
 * While the engine stops it keeps ticking (and sending heartbeats) until its
 * reloads finish; silent this long, it is killed: a stop never hangs on
 * runaway pack code, and never cuts a slow reload short either.
 */
const STOP_SILENCE_MS = 2000;
/** How long after an engine came up its spare starts. */
const SPARE_DELAY_MS = 1000;
/** How long an engine may take to boot (read packs, restore the world) before it counts as hung. */
const BOOT_TIMEOUT_MS = 120_000;
/**
 * An engine that served once and then cannot start again (a pack broken
 * meanwhile under --strict, a world it cannot read): the gateway keeps every
 * connection and tries again this often, or at once on a restart request.
 */
export const RETRY_AFTER_GIVING_UP_MS = 30_000;

export type EngineState = 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';

export interface ReadyInfo {
  summary: string[];
  broken: string[];
  watching: string;
}

export interface SupervisorOptions {
  logger: Logger;
  settings: Settings;
  /** What every engine host loads; the supervisor adds the disabled packs and the generation. */
  config: Omit<EngineHostConfig, 'disabled' | 'generation'>;
  /** The engine went away (crashed, hung, restarting): players are told, their input waits. */
  down(cause: string): void;
  /** A new engine serves: sessions are handed to it again. */
  ready(info: ReadyInfo): void;
  /** An engine that served before cannot start again; the next try is in `retryMs` (or on a restart request). */
  failed(message: string, retryMs: number): void;
  /** Frames for the others: output, responses, reload results. */
  frame(frame: ReceivedEngineFrame): void;
  /** Another engine host entry (tests). */
  entry?: string;
}

export class Supervisor {
  state: EngineState = 'stopped';
  generation = 0;
  restarts = 0;
  lastRestart: { at: number; cause: string } | undefined;
  readonly disabled = new Map<string, string>();
  private readonly crashes = new Map<string, number>();
  private startFailures = 0;
  private proc: EngineProcess | undefined;
  /** A process started ahead for the next crash; `greeted` once it said hello (it is up and waits for its config). */
  private spare: { proc: EngineProcess; greeted: boolean } | undefined;
  private startingPack: string | undefined;
  private lastBeat = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private firstStart: { resolve(info: ReadyInfo): void; reject(err: Error): void } | undefined;
  private readyWaiters: Array<(ok: boolean) => void> = [];
  private stopping: { restart: boolean; done(): void } | undefined;
  private stopped = false;
  private lastCommittedTick: number | undefined;
  private lastSavedThrough: number | undefined;
  /** Why the watchdog killed the process, for the restart's cause. */
  private killedBecause: string | undefined;
  /** Why the engine cannot start, while it is `failed`; and the timer of the next try. */
  failure: string | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** The tick of the world database's last commit, as the engine's heartbeats said. */
  get committedTick(): number | undefined {
    return this.lastCommittedTick;
  }

  /** Every change up to this tick is saved (ticks without changes count), as the heartbeats said. */
  get savedThroughTick(): number | undefined {
    return this.lastSavedThrough;
  }

  /** Ends the engine process at once (a second Ctrl-C): the world is as its last tick committed. */
  kill(): void {
    this.stopped = true;
    this.proc?.kill();
    this.dropSpare();
  }

  private dropSpare(): void {
    this.spare?.proc.kill();
    this.spare = undefined;
  }

  /** Starts the first engine; resolves once it serves, rejects when it cannot start (a fatal error, or repeated failures). */
  start(): Promise<ReadyInfo> {
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.watchdog = setInterval(() => this.checkHeartbeat(), 250);
      this.watchdog.unref();
      this.spawn();
    });
  }

  send(frame: GatewayFrame): boolean {
    return this.state === 'running' && (this.proc?.send(frame) ?? false);
  }

  /** Resolves true once an engine serves (at once if one does), false if the supervisor gives up or stops. */
  whenRunning(): Promise<boolean> {
    if (this.state === 'running') return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Restarts the engine with the connections kept: a clean stop (last tick committed), then a new process. */
  async restart(cause: string): Promise<boolean> {
    if (this.stopped) return false;
    if (this.state === 'failed') {
      this.retry(cause);
      return this.whenRunning();
    }
    if (this.state !== 'running' || !this.proc) return this.whenRunning();
    this.goingDown(cause);
    await this.stopProcess(true);
    return this.whenRunning();
  }

  /** Stops the engine for good: it commits and closes its storage, or is killed once it stops answering. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.dropSpare();
    await this.stopProcess(false);
    if (this.watchdog) clearInterval(this.watchdog);
    this.state = 'stopped';
    for (const waiter of this.readyWaiters.splice(0)) waiter(false);
  }

  // ---- one process ----

  /**
   * The next engine. After a crash it is the spare, a process started ahead
   * (Node up, engine modules loaded) that only waits for its config: most of
   * a restart's time is a new process's start. A requested restart takes a
   * fresh process, so it runs the engine code as it is now on disk.
   */
  private spawn(useSpare = false): void {
    this.generation++;
    this.state = this.generation === 1 ? 'starting' : 'restarting';
    this.startingPack = undefined;
    this.lastBeat = Date.now();
    const spare = this.spare;
    if (useSpare && spare?.greeted && spare.proc.isRunning) {
      this.spare = undefined;
      this.proc = spare.proc;
      this.options.logger.debug(`Engine generation ${this.generation}: the spare process ${spare.proc.pid ?? '?'} takes over`);
      spare.proc.send({ t: 'start', version: LINK_PROTOCOL_VERSION, config: this.configFor() });
      return;
    }
    this.proc = this.newProcess();
  }

  private newProcess(): EngineProcess {
    const proc: EngineProcess = new EngineProcess({
      logger: this.options.logger,
      memoryMb: this.options.settings.engineMemoryMb,
      gcThreads: this.options.settings.gcThreads,
      ...(this.options.entry ? { entry: this.options.entry } : {}),
      onFrame: (frame) => {
        if (proc === this.spare?.proc) this.spareSaid(frame);
        else this.receive(proc, frame);
      },
      onExit: (exit) => {
        if (proc === this.spare?.proc) this.spare = undefined;
        else this.exited(proc, exit);
      },
    });
    return proc;
  }

  /** Starts the spare a little after an engine came up, so it never competes with that engine's start. */
  private prepareSpare(): void {
    setTimeout(() => {
      if (!this.stopped && !this.spare && this.state === 'running') this.spare = { proc: this.newProcess(), greeted: false };
    }, SPARE_DELAY_MS).unref();
  }

  private spareSaid(frame: ReceivedEngineFrame): void {
    if (frame.t === 'hello' && frame.version === LINK_PROTOCOL_VERSION && this.spare) this.spare.greeted = true;
  }

  private receive(proc: EngineProcess, frame: ReceivedEngineFrame): void {
    if (proc !== this.proc) return;
    switch (frame.t) {
      case 'hello':
        if (frame.version !== LINK_PROTOCOL_VERSION) {
          this.fatal(`The engine host speaks link protocol ${frame.version}, the gateway ${LINK_PROTOCOL_VERSION}: run both from the same checkout`);
          return;
        }
        proc.send({ t: 'start', version: LINK_PROTOCOL_VERSION, config: this.configFor() });
        return;
      case 'starting':
        this.startingPack = frame.pack;
        return;
      case 'started':
        if (this.startingPack === frame.pack) this.startingPack = undefined;
        // A pack left out earlier that a save fixed and that loaded: the next engine loads it again.
        if (this.disabled.delete(frame.pack)) this.options.logger.info(`Pack '${frame.pack}' started without bringing the engine down; it is enabled again`);
        return;
      case 'ready':
        this.lastBeat = Date.now();
        this.startFailures = 0;
        // Whatever was starting finished: the crashes in a row are over.
        this.startingPack = undefined;
        this.crashes.clear();
        this.state = 'running';
        this.options.ready({ summary: frame.summary, broken: frame.broken, watching: frame.watching });
        this.firstStart?.resolve({ summary: frame.summary, broken: frame.broken, watching: frame.watching });
        this.firstStart = undefined;
        for (const waiter of this.readyWaiters.splice(0)) waiter(true);
        this.prepareSpare();
        return;
      case 'heartbeat':
        this.lastBeat = Date.now();
        if (frame.committedTick !== undefined) this.lastCommittedTick = frame.committedTick;
        if (frame.savedThroughTick !== undefined) this.lastSavedThrough = frame.savedThroughTick;
        return;
      case 'fatal':
        this.fatal(frame.message);
        return;
      default:
        this.options.frame(frame);
    }
  }

  private exited(proc: EngineProcess, exit: EngineExit): void {
    if (proc !== this.proc) return;
    this.proc = undefined;
    const stopping = this.stopping;
    if (stopping) {
      this.stopping = undefined;
      stopping.done();
      if (stopping.restart && !this.stopped) this.spawn();
      return;
    }
    if (this.stopped || this.state === 'stopped') return;
    const cause = this.crashCause(exit);
    const wasServing = this.state === 'running';
    this.options.logger.error(`The engine process ended (${cause}); restarting it, players stay connected`);
    this.goingDown(cause);
    // A crash before the engine served is a failed start: those in a row, none a pack's, end the tries.
    if (!wasServing) {
      if (!this.startingPack && ++this.startFailures >= START_FAILURES_BEFORE_GIVING_UP) {
        this.fatal(`The engine failed to start ${this.startFailures} times in a row (last: ${cause}); see the log above`);
        return;
      }
    }
    // A crash right after a crash waits a little longer each time, so a loop cannot spin the CPU.
    const delay = Math.min(5000, this.startFailures * 500);
    setTimeout(() => {
      if (!this.stopped) this.spawn(true);
    }, delay).unref();
  }

  /** Why the process died, and what it means for the pack that was starting. */
  private crashCause(exit: EngineExit): string {
    const how = this.killedBecause ?? describeExit(exit);
    this.killedBecause = undefined;
    const pack = this.startingPack;
    if (!pack) return how;
    const count = (this.crashes.get(pack) ?? 0) + 1;
    this.crashes.set(pack, count);
    if (count >= CRASHES_BEFORE_DISABLE && !this.disabled.has(pack)) {
      const reason = `it brought the engine down ${count} times in a row as it started (last: ${how}); disabled until a save fixes it (with --watch) or the server starts again`;
      this.disabled.set(pack, reason);
      this.options.logger.error(`Pack '${pack}' is disabled: ${reason}`);
    }
    return `${how} while pack '${pack}' was starting`;
  }

  private goingDown(cause: string): void {
    if (this.state === 'running') {
      this.restarts++;
      this.lastRestart = { at: Date.now(), cause };
    }
    this.state = 'restarting';
    this.options.down(cause);
  }

  private fatal(message: string): void {
    this.options.logger.error(`The engine cannot start: ${message}`);
    if (!this.firstStart && !this.stopped) {
      this.giveUpForNow(message);
      return;
    }
    const first = this.firstStart;
    this.firstStart = undefined;
    this.stopped = true;
    this.state = 'stopped';
    if (this.watchdog) clearInterval(this.watchdog);
    this.proc?.kill();
    this.dropSpare();
    for (const waiter of this.readyWaiters.splice(0)) waiter(false);
    first?.reject(new Error(message));
  }

  /**
   * The engine served before: the gateway goes on holding every connection,
   * says why, and tries again later (or at a restart request), since a save
   * or an admin may fix what stops it and nothing else would start it again.
   */
  private giveUpForNow(message: string): void {
    this.state = 'failed';
    this.failure = message;
    this.startFailures = 0;
    this.proc?.kill();
    this.proc = undefined;
    this.dropSpare();
    for (const waiter of this.readyWaiters.splice(0)) waiter(false);
    this.options.logger.error(`The game is down until the engine can start; trying again in ${RETRY_AFTER_GIVING_UP_MS / 1000} s (or at 'maid server restart')`);
    this.options.failed(message, RETRY_AFTER_GIVING_UP_MS);
    this.retryTimer = setTimeout(() => this.retry('a retry after the engine could not start', false), RETRY_AFTER_GIVING_UP_MS);
    this.retryTimer.unref();
  }

  /** Starts an engine again after giving up; `requested` (a restart asked for) tells the players, a timed retry does not. */
  private retry(cause: string, requested = true): void {
    if (this.stopped || this.state !== 'failed') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.options.logger.info(`Starting the engine again (${cause})`);
    this.failure = undefined;
    if (requested) this.options.down(cause);
    this.spawn();
  }

  private checkHeartbeat(): void {
    const proc = this.proc;
    if (!proc) return;
    const silentMs = Date.now() - this.lastBeat;
    if (this.stopping) {
      if (silentMs <= STOP_SILENCE_MS) return;
      this.options.logger.warn(`The engine stopped answering while it stopped (${Math.round(silentMs / 100) / 10} s); killing it, the world is as its last tick committed`);
      proc.kill();
      return;
    }
    const limitMs = this.state === 'running' ? this.options.settings.engineTimeout * 1000 : BOOT_TIMEOUT_MS;
    if (silentMs <= limitMs) return;
    const seconds = Math.round(silentMs / 100) / 10;
    this.killedBecause =
      this.state === 'running' ? `no heartbeat for ${seconds} s: pack code running away after an await, or stuck` : `it did not finish starting in ${seconds} s`;
    this.options.logger.error(`The engine is killed to restart it: ${this.killedBecause}`);
    this.lastBeat = Date.now();
    proc.kill();
  }

  /** Asks the process to stop cleanly; kills it when it does not within a few seconds. */
  private stopProcess(restart: boolean): Promise<void> {
    const proc = this.proc;
    if (!proc) {
      if (restart && !this.stopped) this.spawn();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.lastBeat = Date.now();
      this.stopping = { restart, done: resolve };
      if (!proc.send({ t: 'stop', reason: restart ? 'restart' : 'shutdown', restart })) proc.kill();
    });
  }

  private configFor(): EngineHostConfig {
    return { ...this.options.config, disabled: [...this.disabled].map(([name, reason]) => ({ name, reason })), generation: this.generation };
  }
}
