/**
 * Warnings an outsider can trigger at will (refused admin requests, say)
 * are logged once per kind and window: the first at once, the rest counted
 * and reported as one line when the window ends, so 5,000 refusals a second
 * make two lines, not 5,000.
 */
import type { Logger, LogLevel } from './logger';

/** Length of a window, in ms. */
export const REPEAT_WINDOW_MS = 10_000;

interface Window {
  suppressed: number;
  last: string;
  timer: ReturnType<typeof setTimeout>;
}

export class RepeatedWarnings {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = REPEAT_WINDOW_MS,
    /** The level of the lines (WARNING by default; INFO for notices such as turned-away connections). */
    private readonly level: LogLevel = 'WARNING',
  ) {}

  /** Logs `message` unless a line of this `kind` was logged in the current window; then it is counted. */
  log(kind: string, message: string): void {
    const open = this.windows.get(kind);
    if (open) {
      open.suppressed++;
      open.last = message;
      return;
    }
    this.logger.log(this.level, message);
    const window: Window = { suppressed: 0, last: message, timer: setTimeout(() => this.close(kind), this.windowMs) };
    window.timer.unref?.();
    this.windows.set(kind, window);
  }

  /** Reports what is still counted (e.g. at shutdown) and forgets every window. */
  flush(): void {
    for (const kind of [...this.windows.keys()]) this.close(kind);
  }

  private close(kind: string): void {
    const window = this.windows.get(kind);
    if (!window) return;
    clearTimeout(window.timer);
    this.windows.delete(kind);
    if (window.suppressed > 0) {
      this.logger.log(this.level, `${window.last} (and ${window.suppressed} more like it in the last ${Math.round(this.windowMs / 1000)} s)`);
    }
  }
}
