import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Batcher', () => {
  it('hands on what one turn of the event loop pushed as one batch', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number>((items) => batches.push(items));
    b.push(1);
    b.push(2);
    expect(b.pending).toBe(2);
    await turn();
    b.push(3);
    await turn();
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('with minIntervalMs: a lone item goes at the end of its turn; what follows within the interval waits and goes together', async () => {
    const batches: Array<{ items: number[]; at: number }> = [];
    // Long enough that a stalled test machine cannot let the interval pass between the pushes.
    const b = new Batcher<number>((items) => batches.push({ items, at: performance.now() }), { minIntervalMs: 300 });
    b.push(1);
    await turn();
    expect(batches.map((x) => x.items)).toEqual([[1]]);
    b.push(2);
    await turn();
    b.push(3);
    await turn();
    expect(batches).toHaveLength(1);
    await sleep(400);
    expect(batches.map((x) => x.items)).toEqual([[1], [2, 3]]);
    // Timers run on the event loop's millisecond clock: the spacing is the interval, give or take a millisecond or two.
    expect((batches[1]?.at ?? 0) - (batches[0]?.at ?? 0)).toBeGreaterThanOrEqual(297);
  });

  it('flush() delivers at once and cancels the scheduled batch', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number>((items) => batches.push(items), { minIntervalMs: 300 });
    b.push(1);
    await turn();
    b.push(2);
    b.flush();
    expect(batches).toEqual([[1], [2]]);
    await sleep(400);
    expect(batches).toEqual([[1], [2]]);
    b.flush();
    expect(batches).toHaveLength(2);
  });
});
