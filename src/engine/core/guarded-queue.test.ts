import { describe, expect, it } from 'vitest';
import { GuardedQueue } from './guarded-queue';
import { RunawayGuard } from './runaway-guard';

/** Counts turns of the event loop while `until` is pending. */
function turnCounter(): { readonly turn: number; stop(): void } {
  let turn = 0;
  let running = true;
  const next = () => {
    turn++;
    if (running) setImmediate(next);
  };
  setImmediate(next);
  return {
    get turn() {
      return turn;
    },
    stop: () => void (running = false),
  };
}

describe('GuardedQueue', () => {
  it('runs jobs that arrive together in one batch, in order, each settling with its result', async () => {
    const queue = new GuardedQueue({ guard: new RunawayGuard(1000) });
    const ran: number[] = [];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => queue.submit(() => (ran.push(i), i * 2))));
    expect(ran).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(results[49]).toBe(98);
  });

  it('runs a crowd of jobs in slices of 200, one a turn, the continuations of a slice before the next slice runs', async () => {
    const queue = new GuardedQueue({ guard: new RunawayGuard(1000) });
    const turns = turnCounter();
    const events: string[] = [];
    const ranInTurn: number[] = [];
    const jobs = Array.from({ length: 450 }, (_, i) =>
      queue
        .submit(() => {
          ranInTurn[i] = turns.turn;
          if (i === 200) events.push('job 200 ran');
        })
        .then(() => {
          if (i === 0) events.push('job 0 answered');
        }),
    );
    await Promise.all(jobs);
    turns.stop();
    const first = ranInTurn[0] as number;
    expect(ranInTurn.slice(0, 200).every((t) => t === first)).toBe(true);
    expect(ranInTurn.slice(200, 400).every((t) => t > first && t === ranInTurn[200])).toBe(true);
    expect(ranInTurn.slice(400).every((t) => t > (ranInTurn[200] as number))).toBe(true);
    expect(events).toEqual(['job 0 answered', 'job 200 ran']);
  });
});
