/**
 * Collects items sent during one turn of the event loop and hands them on
 * as one batch: a burst of lines, or the output of a tick's flush slice,
 * crosses the link as one message instead of one per line.
 */
export class Batcher<T> {
  private items: T[] = [];
  private scheduled = false;

  constructor(private readonly deliver: (items: T[]) => void) {}

  push(item: T): void {
    this.items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  get pending(): number {
    return this.items.length;
  }

  /** Hands on what waits now (also called before a stop, so nothing queued is lost). */
  readonly flush = (): void => {
    this.scheduled = false;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.deliver(items);
  };
}
