import { describe, expect, it } from 'vitest';
import { defineCommand, defineEventHandler, System, type ContentPack, type CutOffRecord, type GameEngine } from '../index';
import { createTestEngine, TestPlayer } from '../testing';

const LIMIT = 100;
const settings = { runawayMs: LIMIT };

function spin(): void {
  for (;;) {
    // runs away
  }
}

function pack(name: string, extra: Partial<ContentPack> = {}): ContentPack {
  return { manifest: { name, version: '1.0.0', dependencies: [] }, ...extra };
}

function cutOffs(engine: GameEngine): CutOffRecord[] {
  return engine.hotReload.getTimeline().flatMap((e) => (e.type === 'cut-off' ? [e.record] : []));
}

describe('a runaway system update', () => {
  it('is cut off and quarantined; the systems after it run in the same tick and every tick after', async () => {
    const ran: string[] = [];
    let looping = true;
    class Before extends System {
      override priority = 1;
      update() {
        ran.push('before');
      }
    }
    class Spinner extends System {
      override priority = 2;
      update() {
        if (looping) spin();
        ran.push('spinner');
      }
    }
    class After extends System {
      override priority = 3;
      update() {
        ran.push('after');
      }
    }
    const make = () => pack('spinning', { getSystems: (w) => [new Before(w), new Spinner(w), new After(w)] });
    const t = await createTestEngine({ packs: [make()], settings });
    await t.ticks(1);
    expect(ran).toEqual(['before', 'after']);
    const entry = t.engine.scheduler.entriesOf('spinning').find((e) => e.name === 'Spinner');
    expect(entry).toMatchObject({ quarantined: true });
    expect(t.log.lines()).toContain(
      `[ERROR] System Spinner of pack 'spinning' ran for more than ${LIMIT} ms and was cut off; system Spinner is quarantined until pack 'spinning' reloads successfully; the game goes on`,
    );
    expect(cutOffs(t.engine)).toEqual([expect.objectContaining({ type: 'cut-off', packName: 'spinning', call: { kind: 'system', name: 'Spinner' }, limitMs: LIMIT })]);

    ran.length = 0;
    await t.ticks(2);
    expect(ran).toEqual(['before', 'after', 'before', 'after']);

    // A failed reload (after the old version was unloaded) brings the old version back, still quarantined.
    const failed = await t.engine.hotReload.reloadPack('spinning', { ...make(), onLoad: () => { throw new Error('not today'); } });
    expect(failed).toMatchObject({ success: false, rolledBack: true });
    expect(t.engine.scheduler.entriesOf('spinning').find((e) => e.name === 'Spinner')?.quarantined).toBe(true);
    ran.length = 0;
    await t.ticks(1);
    expect(ran).toEqual(['before', 'after']);

    // A successful reload runs the (fixed) system again.
    looping = false;
    const result = await t.engine.hotReload.reloadPack('spinning', make());
    expect(result.success).toBe(true);
    ran.length = 0;
    await t.ticks(1);
    expect(ran).toEqual(['before', 'spinner', 'after']);
    await t.stop();
  });

  it('an async update that never settles: the tick goes on after the limit, the system is quarantined, the log says so', async () => {
    let after = 0;
    let calls = 0;
    class Stuck extends System {
      override priority = 1;
      update() {
        calls++;
        return new Promise<void>(() => {});
      }
    }
    class After extends System {
      override priority = 2;
      update() {
        after++;
      }
    }
    const t = await createTestEngine({ packs: [pack('stuck', { getSystems: (w) => [new Stuck(w), new After(w)] })], settings });
    const started = performance.now();
    await t.ticks(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(LIMIT - 5);
    expect(after).toBe(1);
    expect(t.engine.scheduler.entriesOf('stuck').find((e) => e.name === 'Stuck')?.quarantined).toBe(true);
    expect(t.log.lines()).toContain(
      `[ERROR] System Stuck of pack 'stuck': its async update did not settle within ${LIMIT} ms and the tick went on without it; system Stuck is quarantined until pack 'stuck' reloads successfully; the game goes on`,
    );
    await t.ticks(3);
    expect(after).toBe(4);
    expect(calls).toBe(1);
    expect(cutOffs(t.engine)).toEqual([expect.objectContaining({ type: 'unsettled', call: { kind: 'system', name: 'Stuck' } })]);
    await t.stop();
  });
});

describe('a runaway command', () => {
  it('answers its player with the pack and command, logs it, and the next commands run', async () => {
    const t = await createTestEngine({
      packs: [pack('arcade', { getCommands: () => [defineCommand({ name: 'spin', help: 's', handler: spin }), defineCommand({ name: 'ping', help: 'p', handler: (c) => c.session.send('pong') })] })],
      settings,
    });
    const author = TestPlayer.login(t.engine, 'Author');
    const other = TestPlayer.login(t.engine, 'Other');
    const [spun, pong] = await Promise.all([author.do('spin'), other.do('ping')]);
    expect(spun).toBe(`Command 'spin' of pack 'arcade' ran for more than ${LIMIT} ms and was cut off. The error has been logged.`);
    expect(pong).toBe('pong');
    expect(await author.do('ping')).toBe('pong');
    expect(t.log.lines()).toContain(`[ERROR] Command 'spin' of pack 'arcade' ran for more than ${LIMIT} ms and was cut off; the player was told; the game goes on`);
    await t.stop();
  });
});

describe('runaway event handlers and timers', () => {
  it('an event handler that runs away is cut off and the other handlers of the event still run', async () => {
    const seen: string[] = [];
    const t = await createTestEngine({
      packs: [pack('a', { getEventHandlers: () => [defineEventHandler('bell', spin)] }), pack('b', { getEventHandlers: () => [defineEventHandler('bell', () => void seen.push('b'))] })],
      settings,
    });
    t.engine.world.events.emit('bell', {});
    expect(seen).toEqual(['b']);
    expect(t.log.lines()).toContain(`[ERROR] Event handler for 'bell' of pack 'a' ran for more than ${LIMIT} ms and was cut off; the event's other handlers still ran`);
    await t.stop();
  });

  it('an interval whose callback runs away is cut off and cleared; timers that fired with it still run', async () => {
    let fine = 0;
    let spins = 0;
    let firedBoth: () => void = () => {};
    const both = new Promise<void>((r) => (firedBoth = r));
    const t = await createTestEngine({
      packs: [
        pack('clock', {
          onLoad: (engine) => {
            engine.timers.setInterval(function runaway() {
              spins++;
              spin();
            }, 5);
            engine.timers.setInterval(() => {
              fine++;
              if (fine === 3) firedBoth();
            }, 5);
          },
        }),
      ],
      settings,
    });
    await both;
    expect(spins).toBe(1);
    expect(t.engine.timers.countOf('clock')).toBe(1);
    expect(t.log.lines()).toContain(`[ERROR] Timer runaway of pack 'clock' ran for more than ${LIMIT} ms and was cut off; the timer is cleared`);
    await t.stop();
  });
});

describe('runaway reload hooks', () => {
  it('a hook that runs away fails the reload, which rolls back; the timeline result says cut off', async () => {
    const t = await createTestEngine({ packs: [pack('calm', { getCommands: () => [defineCommand({ name: 'ping', help: 'p', handler: (c) => c.session.send('pong') })] })], settings });
    const hook = t.engine.hotReload.registerHook('pre_unload', function loopingHook() {
      spin();
    });
    const result = await t.engine.hotReload.reloadPack('calm');
    expect(result).toMatchObject({ success: false, rolledBack: true, error: { phase: 'hooks', cutOff: { type: 'cut-off', call: { kind: 'hook', name: 'pre_unload (loopingHook)' } } } });
    expect(result.error?.message).toBe(`Reload hook pre_unload (loopingHook) ran for more than ${LIMIT} ms and was cut off; the reload was rolled back`);
    expect(t.engine.hotReload.getTimeline().at(-1)).toEqual({ type: 'reload', result });
    hook.dispose();
    expect(await TestPlayer.login(t.engine, 'P').do('ping')).toBe('pong');
    await t.stop();
  });
});

describe('runaway code while a pack loads', () => {
  it('a system constructor that loops forever fails its pack at start; the other packs load and play', async () => {
    class Frozen extends System {
      constructor(world: ConstructorParameters<typeof System>[0]) {
        super(world);
        spin();
      }
      update() {}
    }
    const t = await createTestEngine({
      packs: [pack('frozen', { getSystems: (w) => [new Frozen(w)] }), pack('fine', { getCommands: () => [defineCommand({ name: 'ping', help: 'p', handler: (c) => c.session.send('pong') })] })],
      settings,
    });
    expect(t.engine.getPack('frozen')).toMatchObject({ status: 'failed', error: `Pack 'frozen' failed to load: getSystems() of pack 'frozen' ran for more than ${LIMIT} ms and was cut off` });
    expect(t.engine.scheduler.entriesOf('frozen')).toEqual([]);
    expect(t.log.lines()).toContain(`[ERROR] getSystems() of pack 'frozen' ran for more than ${LIMIT} ms and was cut off; pack 'frozen' is not loaded`);
    expect(cutOffs(t.engine)).toEqual([expect.objectContaining({ call: { kind: 'load', name: 'getSystems()' }, packName: 'frozen' })]);
    expect(await TestPlayer.login(t.engine, 'P').do('ping')).toBe('pong');
    await t.stop();
  });

  it("a new version whose onLoad loops forever: the reload fails and rolls back, the old version's commands answer", async () => {
    const make = (onLoad?: () => void) => pack('calm', { getCommands: () => [defineCommand({ name: 'ping', help: 'p', handler: (c) => c.session.send('pong') })], ...(onLoad ? { onLoad } : {}) });
    const t = await createTestEngine({ packs: [make()], settings });
    const result = await t.engine.hotReload.reloadPack('calm', make(spin));
    expect(result).toMatchObject({ success: false, rolledBack: true, error: { phase: 'load', cutOff: { call: { kind: 'load', name: 'onLoad' } } } });
    expect(result.error?.message).toBe(`onLoad of pack 'calm' ran for more than ${LIMIT} ms and was cut off; the reload was rolled back`);
    expect(t.engine.getPack('calm')?.status).toBe('loaded');
    expect(t.engine.commands.listOf('calm')).toHaveLength(1);
    expect(await TestPlayer.login(t.engine, 'P').do('ping')).toBe('pong');
    await t.stop();
  });

  it('an onUnload that loops forever is cut off and the unload finishes: nothing of the pack is left', async () => {
    const t = await createTestEngine({ packs: [pack('sticky', { onUnload: spin, getCommands: () => [defineCommand({ name: 'stick', help: 's', handler: () => {} })] })], settings });
    await t.engine.unloadPack('sticky');
    expect(t.engine.getPack('sticky')).toBeUndefined();
    expect(t.engine.commands.resolve('stick')).toBeUndefined();
    expect(t.log.lines()).toContain(`[ERROR] onUnload of pack 'sticky' ran for more than ${LIMIT} ms and was cut off; unloading goes on`);
    await t.stop();
  });
});
