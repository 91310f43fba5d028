/**
 * Calls `onTick(deltaSeconds)` at a fixed rate, never overlapping: a slow tick
 * delays the next one rather than running two at once. `pause()` resolves
 * once no tick is running, so a hot reload happens between ticks.
 */
export class TickLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private paused = 0;
  private inFlight: Promise<void> | undefined;
  private last = 0;
  private nextAt = 0;
  ticks = 0;

  constructor(
    private readonly rateHz: number,
    private readonly onTick: (delta: number) => Promise<void>,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  get periodMs(): number {
    return 1000 / this.rateHz;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.last = performance.now();
    this.nextAt = this.last + this.periodMs;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** Holds ticks until `resume()`; resolves when the tick in flight (if any) has finished. */
  async pause(): Promise<void> {
    this.paused++;
    await this.inFlight;
  }

  resume(): void {
    if (this.paused > 0) this.paused--;
  }

  /** Runs one tick now (tests, the dev shell), waiting for one in flight first. */
  async step(deltaSeconds?: number): Promise<void> {
    await this.inFlight;
    await this.runOnce(deltaSeconds);
  }

  private schedule(): void {
    if (!this.running) return;
    const wait = Math.max(0, this.nextAt - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.nextAt += this.periodMs;
      // After a long stall, do not try to catch up with a burst of ticks.
      const now = performance.now();
      if (this.nextAt < now) this.nextAt = now + this.periodMs;
      const work = this.paused > 0 ? Promise.resolve() : this.runOnce();
      void work.finally(() => this.schedule());
    }, wait);
  }

  private async runOnce(deltaSeconds?: number): Promise<void> {
    const now = performance.now();
    const delta = deltaSeconds ?? (now - this.last) / 1000;
    this.last = now;
    const run = (async () => {
      try {
        await this.onTick(delta);
      } catch (err) {
        this.onError(err);
      }
      this.ticks++;
    })();
    this.inFlight = run;
    try {
      await run;
    } finally {
      if (this.inFlight === run) this.inFlight = undefined;
    }
  }
}
