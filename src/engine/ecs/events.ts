import { currentPack } from '../core/pack-context';
import { toDisposable, type Disposable } from '../core/disposable';
import type { CutOff, RunawayGuard } from '../core/runaway-guard';

export type EventHandlerFn<P = unknown> = (payload: P) => void;

/** Reports a handler that threw, with the pack it belongs to. */
export type EventErrorReporter = (event: string, packName: string | undefined, error: unknown) => void;

interface Entry {
  fn: EventHandlerFn;
  packName: string | undefined;
}

/**
 * A synchronous event bus. A subscription made while a pack's code runs is
 * owned by that pack and disposed with it. A throwing handler is reported
 * and never stops the others.
 */
export class EventBus {
  private readonly handlers = new Map<string, Entry[]>();
  private guard: RunawayGuard | undefined;
  private reportCutOff: (cutOff: CutOff) => void = () => {};

  constructor(private readonly reportError: EventErrorReporter = () => {}) {}

  /**
   * Runs pack handlers under a runaway guard. Inside a guarded batch (a
   * system, a command) they share its guard; an emit from anywhere else is
   * a batch of its own, and after a cut-off the other handlers still run.
   */
  guardWith(guard: RunawayGuard, reportCutOff: (cutOff: CutOff) => void): void {
    this.guard = guard;
    this.reportCutOff = reportCutOff;
  }

  on<P = unknown>(event: string, fn: EventHandlerFn<P>): Disposable {
    const frame = currentPack();
    const entry: Entry = { fn: fn as EventHandlerFn, packName: frame?.packName };
    const list = this.handlers.get(event) ?? [];
    list.push(entry);
    this.handlers.set(event, list);
    const subscription = toDisposable(() => {
      const current = this.handlers.get(event);
      if (!current) return;
      const i = current.indexOf(entry);
      if (i >= 0) current.splice(i, 1);
      if (current.length === 0) this.handlers.delete(event);
      frame?.scope.delete(subscription);
    });
    frame?.scope.add(subscription);
    return subscription;
  }

  emit<P = unknown>(event: string, payload: P): void {
    const list = this.handlers.get(event);
    if (!list) return;
    const entries = [...list];
    const guard = this.guard;
    if (guard && !guard.active && entries.some((e) => e.packName !== undefined)) {
      guard.runEach(entries, (entry) => this.call(event, entry, payload), (_entry, cutOff) => this.reportCutOff(cutOff));
      return;
    }
    for (const entry of entries) this.call(event, entry, payload);
  }

  private call(event: string, entry: Entry, payload: unknown): void {
    try {
      if (this.guard && entry.packName !== undefined) this.guard.within({ kind: 'event', packName: entry.packName, name: event, fn: entry.fn }, () => entry.fn(payload));
      else entry.fn(payload);
    } catch (err) {
      this.reportError(event, entry.packName, err);
    }
  }

  listenerCount(event?: string): number {
    if (event !== undefined) return this.handlers.get(event)?.length ?? 0;
    let n = 0;
    for (const list of this.handlers.values()) n += list.length;
    return n;
  }

  /** Events with listeners owned by the given pack (for leak checks). */
  listenersOf(packName: string): string[] {
    const events: string[] = [];
    for (const [event, list] of this.handlers) if (list.some((e) => e.packName === packName)) events.push(event);
    return events;
  }
}
