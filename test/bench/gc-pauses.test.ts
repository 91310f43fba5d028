/**
 * The gateway bench reports each server process's garbage-collection pauses
 * in the measured window: the log must count the collections that happen,
 * tell the full ones, and start again from nothing when reset (the bench
 * resets it after the collection its own `stats` request forces).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GcPauseLog } from '../../bench/lib/bench-child';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Waits until the log has seen `n` pauses (the observer hears of them after the collection, not during it). */
async function untilCounted(log: GcPauseLog, n: number): Promise<void> {
  while (log.read().count < n) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('GcPauseLog', () => {
  it('counts the collections in its window, the full ones apart, and forgets them when reset', async () => {
    const log = new GcPauseLog();
    expect(log.read()).toEqual({ count: 0, totalMs: 0, longestMs: 0, full: 0 });
    gc();
    gc();
    await untilCounted(log, 2);
    const seen = log.read();
    expect(seen.full).toBeGreaterThanOrEqual(2);
    expect(seen.totalMs).toBeGreaterThan(0);
    expect(seen.longestMs).toBeGreaterThan(0);
    expect(seen.longestMs).toBeLessThanOrEqual(seen.totalMs);

    log.reset();
    expect(log.read().count).toBe(0);
    gc();
    await untilCounted(log, 1);
    expect(log.read().full).toBeGreaterThanOrEqual(1);
  });
});
