import { describe, expect, it } from 'vitest';
import { InputQueue } from '../../src/engine/server/session/input-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('InputQueue', () => {
  it('runs lines one at a time, in order, each after the previous one settled', async () => {
    const log: string[] = [];
    const q = new InputQueue({
      perSecond: 1000,
      maxQueued: 10,
      run: async (line) => {
        log.push(`start ${line}`);
        await sleep(5);
        log.push(`end ${line}`);
      },
      dropped: () => log.push('dropped'),
      failed: () => log.push('failed'),
    });
    q.push('a');
    q.push('b');
    expect(log).toEqual([]); // held until released
    q.release();
    q.push('c');
    await sleep(50);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('holds lines past the rate until tokens come back, drops past the queue, survives a failing line', async () => {
    const ran: Array<[string, number]> = [];
    const dropped: string[] = [];
    const failures: unknown[] = [];
    const q = new InputQueue({
      perSecond: 20,
      maxQueued: 25,
      run: (line) => {
        ran.push([line, performance.now()]);
        if (line === '3') throw new Error('boom');
      },
      dropped: (line) => dropped.push(line),
      failed: (err) => failures.push(err),
    });
    q.release();
    const started = performance.now();
    for (let i = 0; i < 50; i++) q.push(String(i));
    // The first 20 run at once (a second's worth of tokens); 25 more wait; the last 5 are dropped.
    expect(ran.length).toBe(20);
    expect(dropped).toEqual(['45', '46', '47', '48', '49']);
    expect(failures).toHaveLength(1);
    await sleep(600);
    expect(ran.length).toBeGreaterThanOrEqual(28);
    expect(ran.length).toBeLessThan(35);
    expect(ran.map(([l]) => l).slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
    expect((ran[24]![1] - started) / 1000).toBeGreaterThan(0.2);
    q.dispose();
    q.push('after');
    await sleep(100);
    expect(ran.some(([l]) => l === 'after')).toBe(false);
  });
});
