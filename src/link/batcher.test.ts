import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';

const turn = () => new Promise((resolve) => setImmediate(resolve));

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

  it('flush() delivers at once and cancels the scheduled batch', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number>((items) => batches.push(items));
    b.push(1);
    await turn();
    b.push(2);
    b.flush();
    expect(batches).toEqual([[1], [2]]);
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2]]);
    b.flush();
    expect(batches).toHaveLength(2);
  });
});
