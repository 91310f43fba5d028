import { describe, expect, it } from 'vitest';
import { defineCommand, defineComponent, defineEventHandler, GameEngine, getSettings, MemorySink, System, type ContentPack } from '../host';
import { createTestEngine, registrationsOf, isEmptyRegistration, TestPlayer } from '../testing';

const Counter = defineComponent({ name: 'Counter', defaults: () => ({ n: 0 }) });

class CountingSystem extends System {
  ticks: number[] = [];
  update(delta: number) {
    this.ticks.push(delta);
  }
}

function pack(name: string, extra: Partial<ContentPack> & { deps?: string[] } = {}): ContentPack {
  return { manifest: { name, version: '1.0.0', dependencies: extra.deps ?? [] }, ...extra };
}

describe('packs loading next to each other', () => {
  it('loads in dependency order whatever the order they were added in', async () => {
    const order: string[] = [];
    const mk = (name: string, deps: string[] = []) => pack(name, { deps, onLoad: () => void order.push(name) });
    const t = await createTestEngine({ packs: [mk('c', ['b']), mk('b', ['a']), mk('a')] });
    expect(order).toEqual(['a', 'b', 'c']);
    await t.stop();
  });

  it('a pack whose onLoad throws fails alone; the others run', async () => {
    const t = await createTestEngine({
      packs: [pack('good', { getCommands: () => [defineCommand({ name: 'ping', help: 'p', handler: (c) => c.session.send('pong') })] }), pack('bad', { onLoad: () => { throw new Error('no database'); }, getCommands: () => [defineCommand({ name: 'boom', help: 'b', handler: () => {} })] })],
    });
    expect(t.engine.getPack('bad')).toMatchObject({ status: 'failed', error: "Pack 'bad' failed to load: no database" });
    expect(t.engine.getPack('good')?.status).toBe('loaded');
    expect(t.engine.commands.resolve('boom')).toBeUndefined();
    const p = TestPlayer.login(t.engine, 'P');
    expect(await p.do('ping')).toBe('pong');
    expect(t.log.lines()).toContain("[ERROR] Pack 'bad' failed to load: no database");
    await t.stop();
  });

  it('refuses a manifest without a name, and a duplicate name, naming the problem', () => {
    const engine = new GameEngine(getSettings({ env: {} }), { logSinks: [] });
    expect(() => engine.loadContentPack({ manifest: { version: '1.0.0' } } as never)).toThrow('Cannot load pack (unnamed pack): the manifest has no name');
    void engine.loadContentPack(pack('dup'), '/packs/one');
    expect(() => engine.loadContentPack(pack('dup'), '/packs/two')).toThrow("Pack 'dup' from /packs/two has the same name as the pack 'dup' already loaded from /packs/one");
  });

  it('a missing or circular dependency fails those packs with a clear reason', async () => {
    const t = await createTestEngine({ packs: [pack('lonely', { deps: ['ghost'] }), pack('x', { deps: ['y'] }), pack('y', { deps: ['x'] }), pack('fine')] });
    expect(t.engine.getPack('lonely')?.error).toBe("Pack 'lonely' depends on 'ghost', which is not loaded");
    expect(t.engine.getPack('x')?.error).toMatch(/^Circular dependency: (x -> y -> x|y -> x -> y)$/);
    expect(t.engine.getPack('y')?.status).toBe('failed');
    expect(t.engine.getPack('fine')?.status).toBe('loaded');
    await t.stop();
  });

  it('a pack that failed for want of a dependency loads once the dependency arrives', async () => {
    const t = await createTestEngine({ packs: [pack('lonely', { deps: ['ghost'] })] });
    expect(t.engine.getPack('lonely')?.status).toBe('failed');
    await t.engine.loadContentPack(pack('ghost'));
    expect(t.engine.getPack('lonely')?.status).toBe('loaded');
    expect(t.engine.hotReload.getReloadHistory()).toMatchObject([{ packName: 'lonely', trigger: 'dependency', success: true }]);
    await t.stop();
  });

  it('packs that failed because a dependency failed load once a reload fixes it', async () => {
    const broken = pack('base', { onLoad: () => { throw new Error('no map'); } });
    const t = await createTestEngine({ packs: [broken, pack('middle', { deps: ['base'] }), pack('top', { deps: ['middle'] })] });
    expect(['base', 'middle', 'top'].map((n) => t.engine.getPack(n)?.status)).toEqual(['failed', 'failed', 'failed']);
    const result = await t.engine.hotReload.reloadPack('base', pack('base'));
    expect(result.success).toBe(true);
    expect(['base', 'middle', 'top'].map((n) => t.engine.getPack(n)?.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(t.engine.hotReload.getReloadHistory().map((r) => [r.packName, r.trigger, r.success])).toEqual([
      ['base', 'api', true],
      ['middle', 'dependency', true],
      ['top', 'dependency', true],
    ]);
    await t.stop();
  });

  it('a command clash fails the second pack, naming both', async () => {
    const cmd = () => [defineCommand({ name: 'look', help: 'l', handler: () => {} })];
    const t = await createTestEngine({ packs: [pack('first', { getCommands: cmd }), pack('second', { getCommands: cmd })] });
    expect(t.engine.getPack('second')?.error).toBe('Command "look" of pack "second" clashes with command "look" of pack "first"');
    expect(t.engine.commands.resolve('look')?.packName).toBe('first');
    await t.stop();
  });
});

describe('ticking', () => {
  it('runs systems by priority, awaits async updates and passes real elapsed seconds', async () => {
    const calls: string[] = [];
    class Slow extends System {
      override priority = 10;
      async update() {
        await new Promise((r) => setTimeout(r, 5));
        calls.push('slow');
      }
    }
    class Late extends System {
      override priority = 90;
      update() {
        calls.push('late');
      }
    }
    const counting: CountingSystem[] = [];
    const started = performance.now();
    const t = await createTestEngine({
      packs: [pack('p', { getSystems: (w) => { const c = new CountingSystem(w); counting.push(c); return [new Late(w), c, new Slow(w)]; } })],
      settings: { tickRate: 50 },
      autoTick: true,
    });
    await new Promise((r) => setTimeout(r, 300));
    await t.stop();
    const elapsed = (performance.now() - started) / 1000;
    expect(calls.slice(0, 4)).toEqual(['slow', 'late', 'slow', 'late']);
    const deltas = counting[0]?.ticks ?? [];
    expect(deltas.length).toBeGreaterThan(5);
    // Real seconds: together the deltas cover the time the loop ran, each one positive.
    for (const d of deltas) expect(d).toBeGreaterThan(0);
    const total = deltas.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(elapsed * 0.7);
    expect(total).toBeLessThanOrEqual(elapsed);
  });

  it('quarantines a system that throws every tick; others and commands keep working', async () => {
    class Broken extends System {
      override name = 'Broken';
      update(): void {
        throw new Error('kaboom');
      }
    }
    let healthy = 0;
    class Healthy extends System {
      update() {
        healthy++;
      }
    }
    const t = await createTestEngine({
      packs: [pack('shaky', { getSystems: (w) => [new Broken(w), new Healthy(w)], getCommands: () => [defineCommand({ name: 'ping', help: 'p', handler: (c) => c.session.send('pong') })] })],
      settings: { systemFailureLimit: 3 },
    });
    await t.ticks(10);
    expect(healthy).toBe(10);
    const broken = t.engine.scheduler.entriesOf('shaky').find((e) => e.name === 'Broken');
    expect(broken).toMatchObject({ quarantined: true, failures: 3 });
    expect(t.log.lines()).toContain("[ERROR] System Broken of pack 'shaky' failed (1/3): kaboom");
    expect(t.log.lines()).toContain("[ERROR] System Broken of pack 'shaky' quarantined after 3 failures in a row; reload the pack to run it again");
    expect(await TestPlayer.login(t.engine, 'P').do('ping')).toBe('pong');
    await t.stop();
  });

  it('a throwing command is logged and the player told, without detail', async () => {
    const t = await createTestEngine({ packs: [pack('p', { getCommands: () => [defineCommand({ name: 'oops', help: 'o', handler: () => { throw new Error('secret internals'); } })] })] });
    const player = TestPlayer.login(t.engine, 'P');
    expect(await player.do('oops')).toBe("Something went wrong running 'oops'. The error has been logged.");
    expect(t.log.lines().some((l) => l.includes('secret internals'))).toBe(true);
    await t.stop();
  });
});

describe('pack scopes', () => {
  it('loading and unloading a pack 100 times leaves nothing of it registered anywhere', async () => {
    const log = new MemorySink();
    const engine = new GameEngine(getSettings({ env: {} }), { logSinks: [log.sink] });
    await engine.start({ autoTick: false });
    const make = (): ContentPack =>
      pack('leaky', {
        getComponents: () => [Counter],
        getSystems: (w) => {
          w.events.on('tick', () => {}); // a subscription made in a system's constructor
          return [new CountingSystem(w)];
        },
        getCommands: () => [defineCommand({ name: 'count', aliases: ['cnt'], help: 'c', handler: () => {} })],
        getEventHandlers: () => [defineEventHandler('player:login', () => {})],
        onLoad: (e) => {
          e.timers.setInterval(() => {}, 1000);
          e.timers.setTimeout(() => {}, 60_000);
          e.world.events.on('combat:death', () => {});
        },
      });
    const listenersBefore = engine.world.events.listenerCount();
    for (let i = 0; i < 100; i++) {
      const record = await engine.loadContentPack(make());
      expect(record.status).toBe('loaded');
      await engine.tick();
      await engine.unloadPack('leaky');
    }
    const left = registrationsOf(engine, 'leaky');
    expect(isEmptyRegistration(left)).toBe(true);
    expect(engine.world.events.listenerCount()).toBe(listenersBefore);
    expect(engine.timers.count).toBe(0);
    expect(engine.scheduler.entries()).toHaveLength(0);
    expect(engine.commands.list()).toHaveLength(0);
    expect(engine.world.registeredComponents()).toHaveLength(0);
    await engine.stop();
  });
});
