/**
 * Collects items sent during one turn of the event loop and hands them on
 * as one batch: a burst of lines, or the output of a tick's flush slice,
 * crosses the link as one message instead of one per line. A lone item is
 * not delayed: it goes at the end of its turn. Under load, a turn reads
 * every socket that has input, so the batches grow with the load by
 * themselves and the receiver pays its per-message costs (the IPC read,
 * one guarded batch of commands in the engine) once for all of them.
 */
export class Batcher<T> {
  private items: T[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly deliver: (items: T[]) => void) {}

  push(item: T): void {
    this.items.push(item);
    this.scheduled ??= setImmediate(this.flush);
  }

  get pending(): number {
    return this.items.length;
  }

  /** Hands on what waits now (also called before a stop, so nothing queued is lost). */
  readonly flush = (): void => {
    if (this.scheduled !== undefined) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.deliver(items);
  };
}
