/** Anything that can be undone. Every registration returns one, so unloading is just disposing. */
export interface Disposable {
  dispose(): void;
}

export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/**
 * Owns a set of disposables and disposes them in reverse order of addition
 * (last registered, first undone), continuing past failures so that one bad
 * dispose never leaves the rest registered.
 */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  get size(): number {
    return this.items.size;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
      throw new Error('DisposableStore: cannot add to a disposed store');
    }
    this.items.add(item);
    return item;
  }

  /** Forget an item without disposing it (it was disposed on its own). */
  delete(item: Disposable): void {
    this.items.delete(item);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of [...this.items].reverse()) {
      try {
        item.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    this.items.clear();
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} disposable(s) failed to dispose`);
  }
}
