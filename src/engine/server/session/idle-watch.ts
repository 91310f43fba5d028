/**
 * Ends a session nobody types in: a warning a minute before the end (when
 * the timeout is long enough for one to make sense), then the end. Activity
 * only records a time; the one timer finds out when it fires whether the
 * player was idle all along, so a busy session costs no timer work per line.
 */
export interface IdleWatchOptions {
  /** Idle time after which the session ends, in ms; 0 never ends it. */
  timeoutMs: number;
  /** Told once when `warnBeforeMs` are left, with the ms left. */
  warn(leftMs: number): void;
  /** The player was idle for the whole timeout. */
  expire(): void;
}

/** How long before the end the warning comes. */
const WARN_BEFORE_MS = 60_000;

export class IdleWatch {
  private lastActive = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private warned = false;
  private stopped = false;

  constructor(private readonly options: IdleWatchOptions) {}

  /** Starts watching (the player entered the game). */
  start(): void {
    if (this.options.timeoutMs <= 0) return;
    this.lastActive = Date.now();
    this.schedule();
  }

  /** The player typed something. */
  active(): void {
    this.lastActive = Date.now();
    this.warned = false;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Warning time, or 0 when the timeout is too short to warn before it. */
  private get warnAt(): number {
    const { timeoutMs } = this.options;
    return timeoutMs >= 2 * WARN_BEFORE_MS ? timeoutMs - WARN_BEFORE_MS : 0;
  }

  private schedule(): void {
    if (this.stopped) return;
    const idle = Date.now() - this.lastActive;
    const next = this.warnAt > 0 && !this.warned ? this.warnAt : this.options.timeoutMs;
    this.timer = setTimeout(() => this.check(), Math.max(0, next - idle));
    this.timer.unref?.();
  }

  private check(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const idle = Date.now() - this.lastActive;
    const { timeoutMs } = this.options;
    if (idle >= timeoutMs) {
      this.stopped = true;
      this.options.expire();
      return;
    }
    if (this.warnAt > 0 && !this.warned && idle >= this.warnAt) {
      this.warned = true;
      this.options.warn(timeoutMs - idle);
    }
    this.schedule();
  }
}
