import { currentPack } from '../core/pack-context';
import { toDisposable, type Disposable } from '../core/disposable';

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

  constructor(private readonly reportError: EventErrorReporter = () => {}) {}

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
    for (const entry of [...list]) {
      try {
        entry.fn(payload);
      } catch (err) {
        this.reportError(event, entry.packName, err);
      }
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
