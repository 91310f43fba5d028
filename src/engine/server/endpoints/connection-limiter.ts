/**
 * Connections open at once, per address and in all, and new connections a
 * second per address: a flood from one address cannot crowd out the others.
 */
import { RateBucket } from '../../core/rate-bucket';

/** Addresses whose connection rate is remembered; the least recent are forgotten first. */
const MAX_RATE_ENTRIES = 10_000;

export type Admission = { ok: true; release: () => void } | { ok: false; message: string };

export class ConnectionLimiter {
  private readonly byAddress = new Map<string, number>();
  private total = 0;
  private readonly rates = new Map<string, RateBucket>();

  constructor(private readonly limits: { maxConnections: number; maxConnectionsPerAddress: number; connectionsPerSecondPerAddress?: number }) {}

  /** False when this address has opened more connections in the last moments than its rate allows. */
  private withinRate(address: string): boolean {
    const rate = this.limits.connectionsPerSecondPerAddress;
    if (rate === undefined) return true;
    let bucket = this.rates.get(address);
    if (bucket) this.rates.delete(address); // re-inserted below: the map stays ordered by last use
    else bucket = new RateBucket(rate, rate * 2);
    if (this.rates.size >= MAX_RATE_ENTRIES) this.rates.delete(this.rates.keys().next().value as string);
    this.rates.set(address, bucket);
    return bucket.tryTake();
  }

  get open(): number {
    return this.total;
  }

  /** Counts a new connection in, or says why it is turned away. `release` (once) counts it out. */
  admit(address: string): Admission {
    if (this.total >= this.limits.maxConnections) {
      return { ok: false, message: 'The game is full right now. Please try again in a few minutes.' };
    }
    if (!this.withinRate(address)) {
      return { ok: false, message: `Too many new connections from your address (at most ${this.limits.connectionsPerSecondPerAddress} a second). Wait a moment and try again.` };
    }
    const fromHere = this.byAddress.get(address) ?? 0;
    if (fromHere >= this.limits.maxConnectionsPerAddress) {
      return { ok: false, message: `Too many connections from your address (at most ${this.limits.maxConnectionsPerAddress}). Close one and try again.` };
    }
    this.byAddress.set(address, fromHere + 1);
    this.total++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const n = (this.byAddress.get(address) ?? 1) - 1;
        if (n <= 0) this.byAddress.delete(address);
        else this.byAddress.set(address, n);
      },
    };
  }
}
