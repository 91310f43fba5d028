import { toDisposable, type Disposable } from '../core/disposable';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
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
}

export interface SchedulerOptions {
  logger: Logger;
  /** Failures in a row after which a system stops being run. */
  failureLimit: number;
  /** Turns an error from pack code into text with the original file:line. */
  describeError?: (err: unknown) => string;
}

/** Runs the registered systems in priority order, isolating each one's failures. */
export class SystemScheduler {
  private ordered: SystemEntry[] = [];

  constructor(private readonly options: SchedulerOptions) {}

  add(system: System, packName: string): Disposable {
    const entry: SystemEntry = { system, packName, name: systemName(system), failures: 0, consecutiveFailures: 0, quarantined: false };
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

  /** Runs one tick. The list is read once, so changes during the tick apply from the next one. */
  async runTick(delta: number): Promise<void> {
    for (const entry of this.ordered) {
      if (entry.quarantined) continue;
      try {
        await entry.system.update(delta);
        entry.consecutiveFailures = 0;
      } catch (err) {
        this.recordFailure(entry, err);
      }
    }
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
