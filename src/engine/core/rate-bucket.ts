/**
 * A token bucket: `rate` units a second, up to `burst` saved up. `take`
 * spends what it can and says how long until the debt is paid, so a caller
 * can stop reading (backpressure) for exactly that long rather than buffer.
 */
export class RateBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(rate > 0) || !(burst > 0)) throw new RangeError(`RateBucket: rate and burst must be > 0 (got ${rate}, ${burst})`);
    this.tokens = burst;
    this.updatedAt = now();
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
  }

  /** Spends `amount` (may go into debt); returns the ms to wait before the bucket is back to zero (0: no wait). */
  take(amount: number): number {
    this.refill();
    this.tokens -= amount;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000);
  }

  /** Spends one unit if there is one; false (and nothing spent) when there is none. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
