/**
 * A small synchronous typed event emitter. Listeners run in the order they
 * were added; one that throws is reported to `onError` and never stops the
 * others nor reaches the code that emitted.
 */
import type { Disposable } from '../../core/disposable';

type Listener<T> = (value: T) => void;

export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly onError: (err: unknown, event: keyof Events) => void) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Disposable {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return { dispose: () => void set.delete(listener as Listener<never>) };
  }

  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Disposable {
    const registration = this.on(event, (value) => {
      registration.dispose();
      listener(value);
    });
    return registration;
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<Events[K]>)(value);
      } catch (err) {
        try {
          this.onError(err, event);
        } catch {
          // The error reporter failed too: nothing more can be done here.
        }
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
