/**
 * Collects items sent during one turn of the event loop and hands them on
 * as one batch: a burst of lines, or the output of a tick's flush slice,
 * crosses the link as one message instead of one per line.
 *
 * With `minIntervalMs`, batches are also spaced: a batch goes at the end of
 * the turn when the last one went at least that long ago, else once that
 * long has passed. A lone line goes at once; under load (thousands of lines
 * a second, each read in its own turn) the items of up to `minIntervalMs`
 * travel together, and the receiver pays its per-message costs (the IPC
 * read, one guarded batch of commands in the engine) once for all of them.
 */
export interface BatcherOptions {
  /** The least time between two batches, ms (default 0: every turn). */
  minIntervalMs?: number;
}

export class Batcher<T> {
  private items: T[] = [];
  private scheduled: { immediate: NodeJS.Immediate } | { timer: NodeJS.Timeout } | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly minIntervalMs: number;

  constructor(
    private readonly deliver: (items: T[]) => void,
    options: BatcherOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 0;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.scheduled !== undefined) return;
    const wait = this.minIntervalMs > 0 ? this.lastFlush + this.minIntervalMs - performance.now() : 0;
    this.scheduled = wait > 0 ? { timer: setTimeout(this.flush, wait) } : { immediate: setImmediate(this.flush) };
  }

  get pending(): number {
    return this.items.length;
  }

  /** Hands on what waits now (also called before a stop, so nothing queued is lost). */
  readonly flush = (): void => {
    const scheduled = this.scheduled;
    if (scheduled !== undefined) {
      if ('timer' in scheduled) clearTimeout(scheduled.timer);
      else clearImmediate(scheduled.immediate);
      this.scheduled = undefined;
    }
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    if (this.minIntervalMs > 0) this.lastFlush = performance.now();
    this.deliver(items);
  };
}
