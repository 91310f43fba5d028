import { describe, expect, it } from 'vitest';
import { Health } from '@packs/combat';
import { liveGame } from './harness';

describe('hot reload while playing', () => {
  it('a saved change to the damage formula is used by the next attack', async () => {
    const game = await liveGame();
    expect(await game.hero.do('attack rat')).toContain('for 10 damage');
    await game.ticks(25);
    const reloaded = game.nextReload();
    game.edit('src/systems/combat.ts', 'export const BASE_DAMAGE = 10;', 'export const BASE_DAMAGE = 25;');
    const result = await reloaded;
    expect(result).toMatchObject({ packName: 'combat', success: true, rolledBack: false, trigger: 'file', changedFiles: ['src/systems/combat.ts'] });
    expect(game.log.lines()).toEqual(
      expect.arrayContaining(['[INFO] File changed: src/systems/combat.ts', '[INFO] Triggering reload for pack: combat', expect.stringMatching(/^\[INFO\] Successfully reloaded pack 'combat' in \d+\.\d{3}s$/)]),
    );
    const rat = game.engine.world.findByKey('combat:cellar-rat');
    const before = rat?.get(Health)?.current ?? 0;
    await game.ticks(25);
    expect(game.hero.transcript).toMatch(/You hit a giant rat for 25 damage/);
    expect(rat?.get(Health)?.current).toBeLessThan(before);
    await game.stop();
  });

  it('a component version raised with a migration migrates every existing entity', async () => {
    const game = await liveGame({ debounce: 0.3 });
    const holders = game.engine.world.query(Health).toArray();
    expect(holders.length).toBeGreaterThanOrEqual(4);
    const reloaded = game.nextReload();
    game.edit('src/components/health.ts', /version: 1,\n {2}defaults: \(\) => \(\{ current: 100, max: 100 \}\),/, "version: 2,\n  defaults: () => ({ current: 100, max: 100, regen: 1 }),");
    game.edit(
      'src/pack.ts',
      'getMigrations() {\n    return [];\n  }',
      "getMigrations() {\n    return [{ component: 'Health', from: 1, to: 2, migrate: (d: { current: number; max: number }) => ({ ...d, regen: Math.ceil(d.max / 50) }) }];\n  }",
    );
    const result = await reloaded;
    expect(result.success).toBe(true);
    expect(result.migrationsRun).toBe(1);
    expect(result.stateDiff.components.Health).toMatchObject({ from: 1, to: 2, entities: holders.length });
    for (const e of holders) {
      const h = e.get(Health) as { max: number; regen?: number };
      expect(h.regen).toBe(Math.ceil(h.max / 50));
    }
    expect(game.log.lines()).toContain('[INFO]   Migrations: 1');
    await game.stop();
  });

  it("keeps CombatSystem's active combats and cooldowns across a reload", async () => {
    const game = await liveGame();
    await game.hero.do('attack rat');
    const system = () => game.engine.findSystem<{ captureState(): Record<string, unknown> }>('combat', 'CombatSystem');
    const before = system()?.captureState();
    expect(Object.keys(before?.active_combats as object)).toHaveLength(2);
    const oldInstance = system();
    const reloaded = game.nextReload();
    game.edit('src/systems/combat.ts', 'export const ROUND_SECONDS = 2;', 'export const ROUND_SECONDS = 2; // tuned');
    const result = await reloaded;
    expect(result.success).toBe(true);
    expect(system()).not.toBe(oldInstance);
    expect(system()?.captureState()).toEqual(before);
    expect(result.stateDiff.systems.CombatSystem).toEqual({ before, after: before });
    await game.stop();
  });

  it('a burst of 20 saves in 200 ms gives exactly one reload, listing the changed files', async () => {
    const game = await liveGame({ debounce: 0.3 });
    const results: unknown[] = [];
    game.engine.hotReload.onReload.on((r) => void results.push(r));
    const done = game.nextReload();
    for (let i = 0; i < 20; i++) {
      const rel = i % 2 === 0 ? 'src/systems/combat.ts' : 'src/commands/attack.ts';
      game.write(rel, `${game.read(rel).replace(/\n\/\/ save \d+\n$/, '\n')}// save ${i}\n`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const result = await done;
    await new Promise((r) => setTimeout(r, 500));
    expect(results).toHaveLength(1);
    expect(result.changedFiles).toEqual(['src/commands/attack.ts', 'src/systems/combat.ts']);
    expect(game.log.lines().filter((l) => l === '[INFO] Triggering reload for pack: combat')).toHaveLength(1);
    await game.stop();
  });

  it('a save that changes nothing does not reload', async () => {
    const game = await liveGame({ debounce: 0.05 });
    const results: unknown[] = [];
    game.engine.hotReload.onReload.on((r) => void results.push(r));
    game.write('src/systems/combat.ts', game.read('src/systems/combat.ts'));
    await new Promise((r) => setTimeout(r, 400));
    expect(results).toEqual([]);
    await game.stop();
  });
});
