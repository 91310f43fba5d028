import { describe, expect, it } from 'vitest';
import { DisposableStore } from './disposable';
import { currentPack, runInPack } from './pack-context';
import { RunawayGuard, describeCall, type PackCall } from './runaway-guard';
import { GuardedQueue } from './guarded-queue';
import { CutOffError } from './runaway-guard';
import { getSettings } from './settings';
import vm from 'node:vm';
import { SettingsError } from './errors';

const spinCall: PackCall = { kind: 'command', packName: 'arcade', name: 'spin' };
const spin = () => {
  for (;;) {
    // an endless loop, as a pack author writes by mistake
  }
};

describe('RunawayGuard', () => {
  it('cuts off an endless loop after the limit, blames the call running, and returns', () => {
    const guard = new RunawayGuard(100);
    const started = performance.now();
    const cutOff = guard.run(() => guard.within(spinCall, spin));
    const took = performance.now() - started;
    expect(cutOff).toMatchObject({ call: spinCall, limitMs: 100 });
    expect(took).toBeGreaterThanOrEqual(90);
    expect(took).toBeLessThan(2000);
    expect(guard.active).toBe(false);
    // The guard works again afterwards, and a batch that finishes reports nothing.
    let ran = false;
    expect(guard.run(() => guard.within(spinCall, () => void (ran = true)))).toBeUndefined();
    expect(ran).toBe(true);
  });

  it('samples the stack half-way to the limit: the cut-off says which line of which file was running', () => {
    const guard = new RunawayGuard(600);
    const file = '/packs/arcade/src/spin.ts';
    const loop = vm.compileFunction('let turns = 0;\nwhile (true) {\n  turns++;\n}', [], { filename: file }) as () => void;
    const cutOff = guard.run(() => guard.within(spinCall, loop));
    expect(cutOff?.running?.[0]?.file).toBe(file);
    // The loop's head or its body, wherever V8 served the pause.
    expect([2, 3]).toContain(cutOff?.running?.[0]?.line);
    // The guard's own frames are below it.
    expect(cutOff?.running?.some((f) => f.functionName === 'within')).toBe(true);
  });

  it('blames the innermost pack call: an event handler a command emitted to', () => {
    const guard = new RunawayGuard(100);
    const handler: PackCall = { kind: 'event', packName: 'weather', name: 'rain' };
    const cutOff = guard.run(() => guard.within(spinCall, () => guard.within(handler, spin)));
    expect(cutOff?.call).toBe(handler);
    expect(describeCall(handler)).toBe("Event handler for 'rain' of pack 'weather'");
  });

  it('runEach: after a cut-off the items after the culprit still run, once each, in order', () => {
    const guard = new RunawayGuard(100);
    const ran: number[] = [];
    const cut: number[] = [];
    guard.runEach(
      [1, 2, 3, 4, 5],
      (n) => guard.within({ kind: 'timer', packName: 'p', name: `t${n}` }, () => (n === 2 || n === 4 ? spin() : ran.push(n))),
      (n, cutOff) => {
        cut.push(n);
        expect(cutOff.call.name).toBe(`t${n}`);
      },
    );
    expect(ran).toEqual([1, 3, 5]);
    expect(cut).toEqual([2, 4]);
  });

  it('leaves no pack frame current after cutting off code running inside one', async () => {
    const guard = new RunawayGuard(100);
    const frame = { packName: 'arcade', scope: new DisposableStore() };
    expect(guard.run(() => runInPack(frame, spin))).toBeDefined();
    expect(currentPack()).toBeUndefined();
    const later = await new Promise((resolve) => setTimeout(() => resolve(currentPack()), 1));
    expect(later).toBeUndefined();
  });

  it('throws on what the batch throws, as a plain call would', () => {
    const guard = new RunawayGuard(100);
    expect(() => guard.run(() => { throw new TypeError('bad'); })).toThrow(TypeError);
    expect(guard.active).toBe(false);
  });

  it('nested batches run inside the outer one: one guard, one cut-off', () => {
    const guard = new RunawayGuard(100);
    let inner: unknown = 'not reached';
    const outer = guard.run(() => {
      inner = guard.run(() => guard.within(spinCall, spin));
    });
    expect(outer?.call).toBe(spinCall);
    expect(inner).toBe('not reached');
  });

  it('limit 0 is off: a long call runs to its end', () => {
    const guard = new RunawayGuard(0);
    let done = false;
    const cutOff = guard.run(() => {
      const until = performance.now() + 150;
      while (performance.now() < until);
      done = true;
    });
    expect(cutOff).toBeUndefined();
    expect(done).toBe(true);
  });

  it('refuses a limit that is not a whole number of milliseconds', () => {
    expect(() => new RunawayGuard(-1)).toThrow(RangeError);
    expect(() => new RunawayGuard(1.5)).toThrow('Runaway limit must be a whole number of milliseconds, 0 or more; got 1.5');
  });
});

describe('GuardedQueue', () => {
  it('runs what arrives together in one batch; a cut-off job rejects, the others resolve', async () => {
    const guard = new RunawayGuard(100);
    const queue = new GuardedQueue({ guard });
    const a = queue.submit(() => 'a');
    const b = queue.submit(() => guard.within(spinCall, spin));
    const c = queue.submit(() => Promise.resolve('c'));
    const d = queue.submit(() => {
      throw new Error('d failed');
    });
    expect(queue.waiting).toBe(4);
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toBeInstanceOf(CutOffError);
    await expect(b).rejects.toThrow("Command 'spin' of pack 'arcade' ran for more than 100 ms and was cut off");
    await expect(c).resolves.toBe('c');
    await expect(d).rejects.toThrow('d failed');
  });

  it('holds jobs while holdWhile gives a promise, and runs them once it settles', async () => {
    let release: () => void = () => {};
    let hold: Promise<void> | undefined = new Promise<void>((r) => (release = r));
    const queue = new GuardedQueue({ guard: new RunawayGuard(100), holdWhile: () => hold });
    let ran = false;
    const job = queue.submit(() => (ran = true));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(false);
    hold = undefined;
    release();
    await job;
    expect(ran).toBe(true);
  });
});

describe('MAID_RUNAWAY_MS', () => {
  it('defaults to 2000, accepts 0 (off), and refuses anything else with the variable named', () => {
    expect(getSettings({ env: {} }).runawayMs).toBe(2000);
    expect(getSettings({ env: { MAID_RUNAWAY_MS: '0' } }).runawayMs).toBe(0);
    expect(getSettings({ env: { MAID_RUNAWAY_MS: '250' } }).runawayMs).toBe(250);
    for (const bad of ['abc', '-5', '1.5', '600001']) {
      let caught: unknown;
      try {
        getSettings({ env: { MAID_RUNAWAY_MS: bad } });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(SettingsError);
      expect((caught as SettingsError).variable).toBe('MAID_RUNAWAY_MS');
      expect((caught as Error).message).toBe(`Invalid value ${JSON.stringify(bad)} for MAID_RUNAWAY_MS: accepted values are an integer from 0 to 600000`);
    }
  });
});
