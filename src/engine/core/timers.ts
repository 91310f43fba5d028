import { currentPack, runInPack, type PackFrame } from './pack-context';
import { toDisposable, type Disposable } from './disposable';
import type { Logger } from './logger';
import { errorMessage } from './errors';

/**
 * Timers for pack code. A timer set while a pack's code runs belongs to that
 * pack: it is cleared when the pack unloads or reloads, and its callback runs
 * as that pack (so what it registers lands in the pack's scope).
 */
export class Timers {
  private readonly active = new Map<Disposable, string | undefined>();

  constructor(private readonly logger: Logger) {}

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
    return this.track(currentPack(), (frame, done) => {
      const handle = setTimeout(() => {
        done();
        this.invoke(frame, fn);
      }, ms);
      return () => clearTimeout(handle);
    });
  }

  setInterval(fn: () => void | Promise<void>, ms: number): Disposable {
    return this.track(currentPack(), (frame) => {
      const handle = setInterval(() => this.invoke(frame, fn), ms);
      return () => clearInterval(handle);
    });
  }

  private track(frame: PackFrame | undefined, start: (frame: PackFrame | undefined, done: () => void) => () => void): Disposable {
    let clear: () => void = () => {};
    const timer = toDisposable(() => {
      clear();
      this.active.delete(timer);
      frame?.scope.delete(timer);
    });
    this.active.set(timer, frame?.packName);
    frame?.scope.add(timer);
    clear = start(frame, () => timer.dispose());
    return timer;
  }

  private invoke(frame: PackFrame | undefined, fn: () => void | Promise<void>): void {
    const report = (err: unknown) => this.logger.error(`Timer of ${frame ? `pack '${frame.packName}'` : 'the engine'} failed: ${errorMessage(err)}`);
    try {
      const result = frame ? runInPack(frame, fn) : fn();
      if (result instanceof Promise) result.catch(report);
    } catch (err) {
      report(err);
    }
  }
}
