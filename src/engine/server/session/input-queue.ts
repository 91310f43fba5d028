/**
 * A session's input: lines run one at a time, in order, at most
 * `perSecond` a second (a token bucket holding one second's worth, so a
 * client's burst of a few lines runs at once). Lines beyond the rate wait;
 * beyond `maxQueued` waiting they are dropped and the session is told.
 */

export interface InputQueueOptions {
  perSecond: number;
  maxQueued: number;
  /** Runs one line; the next waits until it settles. */
  run(line: string): void | Promise<void>;
  /** A line that did not fit in the queue. */
  dropped(line: string): void;
  /** `run` threw or rejected (a bug: the queue goes on). */
  failed(err: unknown): void;
}

export class InputQueue {
  private readonly lines: string[] = [];
  private tokens: number;
  private refilledAt = performance.now();
  private busy = false;
  private held = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly next = (): void => {
    this.busy = false;
    this.pump();
  };

  constructor(private readonly options: InputQueueOptions) {
    this.tokens = options.perSecond;
  }

  get waiting(): number {
    return this.lines.length;
  }

  /** True while a line is running. */
  get running(): boolean {
    return this.busy;
  }

  push(line: string): void {
    if (this.lines.length >= this.options.maxQueued) {
      this.options.dropped(line);
      return;
    }
    this.lines.push(line);
    this.pump();
  }

  /** Lets lines run (a new queue holds them until the session is ready for them). */
  release(): void {
    this.held = false;
    this.pump();
  }

  /** Holds further lines (they keep waiting) until `release`. */
  hold(): void {
    this.held = true;
  }

  /** Drops everything waiting and runs nothing more. */
  dispose(): void {
    this.held = true;
    this.lines.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.busy || this.held || this.lines.length === 0 || this.timer) return;
    const now = performance.now();
    const rate = this.options.perSecond;
    this.tokens = Math.min(rate, this.tokens + ((now - this.refilledAt) * rate) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, Math.ceil(((1 - this.tokens) * 1000) / rate));
      return;
    }
    this.tokens -= 1;
    const line = this.lines.shift() as string;
    this.busy = true;
    let result: void | Promise<void>;
    try {
      result = this.options.run(line);
    } catch (err) {
      this.options.failed(err);
      this.next();
      return;
    }
    if (result instanceof Promise) {
      result.then(this.next, (err: unknown) => {
        this.options.failed(err);
        this.next();
      });
    } else {
      this.next();
    }
  }
}
