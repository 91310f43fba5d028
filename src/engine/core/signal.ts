import { toDisposable, type Disposable } from './disposable';

/** A typed list of listeners; `fire` awaits each in turn and reports, never throws, their failures. */
export class Signal<T> {
  private readonly listeners = new Set<(value: T) => void | Promise<void>>();

  constructor(private readonly onError: (err: unknown) => void = () => {}) {}

  on(listener: (value: T) => void | Promise<void>): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  get size(): number {
    return this.listeners.size;
  }

  async fire(value: T): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(value);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}
