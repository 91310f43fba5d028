import { currentPack, runInPack, type PackFrame } from './pack-context';
import { toDisposable, type Disposable } from './disposable';
import type { Logger } from './logger';
import { errorMessage } from './errors';
import { CutOffError, RunawayGuard, type CutOff, type PackCall } from './runaway-guard';
import { GuardedQueue } from './guarded-queue';

export interface TimersOptions {
  /** Cuts off callbacks that run too long; timers that fire together share one guarded batch. Default: off. */
  guard?: RunawayGuard;
  /** A callback was cut off (its timer is cleared, an interval too). */
  cutOff?: (cutOff: CutOff) => void;
  /** Turns an error from pack code into text with the original file:line. */
  describeError?: (err: unknown) => string;
}

/**
 * Timers for pack code. A timer set while a pack's code runs belongs to that
 * pack: it is cleared when the pack unloads or reloads, and its callback runs
 * as that pack (so what it registers lands in the pack's scope).
 */
export class Timers {
  private readonly active = new Map<Disposable, string | undefined>();
  private readonly guard: RunawayGuard;
  private readonly queue: GuardedQueue;

  constructor(
    private readonly logger: Logger,
    private readonly options: TimersOptions = {},
  ) {
    this.guard = options.guard ?? new RunawayGuard(0);
    this.queue = new GuardedQueue({ guard: this.guard });
  }

  get count(): number {
    return this.active.size;
  }

  /** Timers pending for a pack. */
  countOf(packName: string): number {
    let n = 0;
    for (const owner of this.active.values()) if (owner === packName) n++;
    return n;
  }

  setTimeout(fn: () => void | Promise<void>, ms: number): Disposable {
    return this.track(currentPack(), (frame, done, timer) => {
      const handle = setTimeout(() => {
        done();
        this.invoke(frame, fn, timer);
      }, ms);
      return () => clearTimeout(handle);
    });
  }

  setInterval(fn: () => void | Promise<void>, ms: number): Disposable {
    return this.track(currentPack(), (frame, _done, timer) => {
      const handle = setInterval(() => this.invoke(frame, fn, timer), ms);
      return () => clearInterval(handle);
    });
  }

  private track(frame: PackFrame | undefined, start: (frame: PackFrame | undefined, done: () => void, timer: Disposable) => () => void): Disposable {
    let clear: () => void = () => {};
    const timer = toDisposable(() => {
      clear();
      this.active.delete(timer);
      frame?.scope.delete(timer);
    });
    this.active.set(timer, frame?.packName);
    frame?.scope.add(timer);
    clear = start(frame, () => timer.dispose(), timer);
    return timer;
  }

  private invoke(frame: PackFrame | undefined, fn: () => void | Promise<void>, timer: Disposable): void {
    const owner = frame ? `pack '${frame.packName}'` : 'the engine';
    const call: PackCall = { kind: 'timer', packName: frame?.packName, name: fn.name || '(anonymous function)', fn };
    this.queue
      .submit(() => this.guard.within(call, () => (frame ? runInPack(frame, fn) : fn())))
      .catch((err: unknown) => {
        if (err instanceof CutOffError) {
          // An interval that ran away once would freeze the game again at every beat.
          timer.dispose();
          if (this.options.cutOff) this.options.cutOff(err.cutOff);
          else this.logger.error(`Timer of ${owner}: ${err.message}; the timer is cleared`);
          return;
        }
        this.logger.error(`Timer of ${owner} failed: ${this.options.describeError?.(err) ?? errorMessage(err)}`);
      });
  }
}
