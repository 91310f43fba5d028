import { toDisposable, type Disposable } from '../core/disposable';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import { RunawayGuard, type CutOff, type PackCall } from '../core/runaway-guard';
import { systemName, type System } from './system';

export interface SystemEntry {
  readonly system: System;
  readonly packName: string;
  readonly name: string;
  /** Failures over the system's life. */
  failures: number;
  /** Failures in a row; reset by a successful update. */
  consecutiveFailures: number;
  quarantined: boolean;
  lastError?: string;
  /** How a runaway guard names this system's update. */
  readonly call: PackCall;
}

/** A system that ran away: its update was cut off, or its promise did not settle within the limit. */
export type SystemRunaway = { type: 'cut-off'; cutOff: CutOff } | { type: 'unsettled'; waitedMs: number };

export interface SchedulerOptions {
  logger: Logger;
  /** Failures in a row after which a system stops being run. */
  failureLimit: number;
  /** Turns an error from pack code into text with the original file:line. */
  describeError?: (err: unknown) => string;
  /** Cuts off a tick's systems that run too long; default: off. */
  guard?: RunawayGuard;
  /**
   * A system ran away and is quarantined now (`entry`), or a cut-off hit a
   * pack call made inside a system's update (`entry` is that system, left running).
   */
  onRunaway?: (entry: SystemEntry, runaway: SystemRunaway) => void;
}

/** Runs the registered systems in priority order, isolating each one's failures. */
export class SystemScheduler {
  private ordered: SystemEntry[] = [];

  constructor(private readonly options: SchedulerOptions) {}

  add(system: System, packName: string): Disposable {
    const name = systemName(system);
    const call: PackCall = { kind: 'system', packName, name, fn: system.update };
    const entry: SystemEntry = { system, packName, name, failures: 0, consecutiveFailures: 0, quarantined: false, call };
    // Stable: among equal priorities, registration order is kept.
    const at = this.ordered.findIndex((e) => e.system.priority > system.priority);
    const next = [...this.ordered];
    next.splice(at < 0 ? next.length : at, 0, entry);
    this.ordered = next;
    return toDisposable(() => {
      this.ordered = this.ordered.filter((e) => e !== entry);
    });
  }

  entries(): readonly SystemEntry[] {
    return this.ordered;
  }

  entriesOf(packName: string): SystemEntry[] {
    return this.ordered.filter((e) => e.packName === packName);
  }

  /**
   * Runs one tick. The list is read once, so changes during the tick apply
   * from the next one. Systems run in one guarded batch; an async update ends
   * the batch, is awaited (at most the runaway limit), and the systems after
   * it run in a fresh batch, in order.
   */
  async runTick(delta: number): Promise<void> {
    const list = this.ordered;
    const guard = this.guard;
    let next = 0;
    while (next < list.length) {
      let pending: { entry: SystemEntry; result: PromiseLike<void> } | undefined;
      const stopped = guard.run(() => {
        while (next < list.length) {
          const entry = list[next++] as SystemEntry;
          if (entry.quarantined) continue;
          let result: void | PromiseLike<void>;
          try {
            result = guard.within(entry.call, () => entry.system.update(delta));
          } catch (err) {
            this.recordFailure(entry, err);
            continue;
          }
          if (isThenable(result)) {
            pending = { entry, result };
            return;
          }
          entry.consecutiveFailures = 0;
        }
      });
      if (stopped) this.cutOff(list[next - 1] as SystemEntry, stopped);
      else if (pending) await this.settle(pending.entry, pending.result);
    }
  }

  private get guard(): RunawayGuard {
    return this.options.guard ?? OFF;
  }

  private cutOff(entry: SystemEntry, cutOff: CutOff): void {
    // A cut-off inside the update, but of another pack call (an event handler it emitted to), leaves the system running.
    if (cutOff.call === entry.call) this.quarantine(entry, `cut off after running for more than ${cutOff.limitMs} ms`);
    this.options.onRunaway?.(entry, { type: 'cut-off', cutOff });
  }

  /** Waits for an async update, at most the runaway limit; one that takes longer is left behind and its system quarantined. */
  private async settle(entry: SystemEntry, result: PromiseLike<void>): Promise<void> {
    const limitMs = this.guard.limitMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = limitMs === 0 ? undefined : new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), limitMs)));
    try {
      const settled = Promise.resolve(result).then(() => 'settled' as const);
      const outcome = await (late ? Promise.race([settled, late]) : settled);
      if (outcome === 'late') {
        this.quarantine(entry, `its update did not settle within ${limitMs} ms`);
        this.options.onRunaway?.(entry, { type: 'unsettled', waitedMs: limitMs });
        return;
      }
      entry.consecutiveFailures = 0;
    } catch (err) {
      this.recordFailure(entry, err);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private quarantine(entry: SystemEntry, why: string): void {
    entry.failures++;
    entry.quarantined = true;
    entry.lastError = why;
  }

  private recordFailure(entry: SystemEntry, err: unknown): void {
    entry.failures++;
    entry.consecutiveFailures++;
    const text = this.options.describeError?.(err) ?? errorMessage(err);
    entry.lastError = text;
    const { logger, failureLimit } = this.options;
    logger.error(`System ${entry.name} of pack '${entry.packName}' failed (${entry.consecutiveFailures}/${failureLimit}): ${text}`);
    if (entry.consecutiveFailures >= failureLimit) {
      entry.quarantined = true;
      logger.error(`System ${entry.name} of pack '${entry.packName}' quarantined after ${failureLimit} failures in a row; reload the pack to run it again`);
    }
  }
}

const OFF = new RunawayGuard(0);

function isThenable(value: unknown): value is PromiseLike<void> {
  return typeof (value as PromiseLike<void> | null)?.then === 'function';
}
