/** Connections open at once, per address and in all: a flood from one address cannot crowd out the others. */

export type Admission = { ok: true; release: () => void } | { ok: false; message: string };

export class ConnectionLimiter {
  private readonly byAddress = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: { maxConnections: number; maxConnectionsPerAddress: number }) {}

  get open(): number {
    return this.total;
  }

  /** Counts a new connection in, or says why it is turned away. `release` (once) counts it out. */
  admit(address: string): Admission {
    if (this.total >= this.limits.maxConnections) {
      return { ok: false, message: 'The game is full right now. Please try again in a few minutes.' };
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
