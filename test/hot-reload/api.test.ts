import { describe, expect, it } from 'vitest';
import type { ContentPack, HotReloadContext } from '@maid/engine';
import { liveGame } from './harness';

describe('engine.hotReload', () => {
  it('reloadModule re-evaluates the changed module and its importers only', async () => {
    const game = await liveGame({ watch: false });
    const source = game.engine.hotReload.getSource('combat') as unknown as { loader: { evaluationCount(f: string): number } };
    const count = (rel: string) => source.loader.evaluationCount(game.file(rel));
    const before = Object.fromEntries(['src/components/npc.ts', 'src/systems/respawn.ts', 'src/systems/combat.ts', 'src/commands/attack.ts', 'src/pack.ts', 'src/components/health.ts'].map((f) => [f, count(f)]));
    const result = await game.engine.hotReload.reloadModule('combat.components.npc');
    expect(result).toMatchObject({ success: true, trigger: 'manual', changedFiles: ['src/components/npc.ts'] });
    // npc.ts is imported by respawn, combat (systems), index and pack; attack imports only a type from combat;
    // score imports combat's damageFor, and game.ts (which pack.ts imports) re-exports score.
    const after = (f: string) => count(f) - (before[f] ?? 0);
    expect(after('src/components/npc.ts')).toBe(1);
    expect(after('src/systems/respawn.ts')).toBe(1);
    expect(after('src/systems/combat.ts')).toBe(1);
    expect(after('src/pack.ts')).toBe(1);
    expect(after('src/components/health.ts')).toBe(0);
    expect(after('src/commands/attack.ts')).toBe(0);
    expect(result.reevaluated.sort()).toEqual(
      ['src/components/npc.ts', 'src/index.ts', 'src/pack.ts', 'src/systems/combat.ts', 'src/systems/handlers.ts', 'src/systems/respawn.ts', 'src/commands/score.ts', 'src/game.ts'].sort(),
    );
    expect((await game.engine.hotReload.reloadModule('systems/respawn.ts')).success).toBe(true);
    await game.stop();
  });

  it('reloadModule explains a module that no pack has', async () => {
    const game = await liveGame({ watch: false });
    const result = await game.engine.hotReload.reloadModule('combat.systems.magic');
    expect(result).toMatchObject({ success: false, error: { message: "Cannot reload module 'combat.systems.magic': no loaded pack has such a module" } });
    expect((await game.engine.hotReload.reloadPack('nope')).error?.message).toBe("No pack named 'nope' is loaded; loaded packs: starter-world, combat");
    await game.stop();
  });

  it('reloadPack(name, newPack) swaps in a given pack object, running hooks in order with the context', async () => {
    const game = await liveGame({ watch: false });
    const calls: string[] = [];
    const contexts: HotReloadContext[] = [];
    for (const hook of ['pre_unload', 'post_unload', 'pre_load', 'post_load', 'on_error'] as const) {
      game.engine.hotReload.registerHook(hook, (ctx) => {
        calls.push(hook);
        contexts.push(ctx);
      });
    }
    const current = game.engine.getPack('combat')?.pack as ContentPack;
    const Ctor = current.constructor as new () => ContentPack;
    const next = new Ctor();
    next.manifest = { ...next.manifest, version: '1.1.0' };
    const result = await game.engine.hotReload.reloadPack('combat', next);
    expect(result).toMatchObject({ success: true, trigger: 'api', oldVersion: '1.0.0', newVersion: '1.1.0' });
    expect(calls).toEqual(['pre_unload', 'post_unload', 'pre_load', 'post_load']);
    expect(contexts[3]).toMatchObject({ packName: 'combat', oldVersion: '1.0.0', newVersion: '1.1.0' });
    expect(contexts[3]?.capturedState.CombatSystem).toBeDefined();
    expect(game.engine.getPack('combat')?.manifest.version).toBe('1.1.0');
    expect(game.engine.hotReload.getReloadHistory().map((r) => r.packName)).toEqual(['combat']);
    await game.stop();
  });

  it('a throwing hook rolls the reload back and on_error hooks hear about it', async () => {
    const game = await liveGame({ watch: false });
    const errors: string[] = [];
    game.engine.hotReload.registerHook('post_load', () => {
      throw new Error('not today');
    });
    game.engine.hotReload.registerHook('on_error', (ctx) => void errors.push(ctx.error?.message ?? ''));
    const result = await game.engine.hotReload.reloadPack('combat');
    expect(result).toMatchObject({ success: false, rolledBack: true, error: { phase: 'hooks', message: 'Hook post_load failed: not today' } });
    expect(errors).toEqual(['Hook post_load failed: not today']);
    expect(await game.hero.do('hp')).toBe('Health: 100/100');
    await game.stop();
  });

  it('reloading a pack others depend on reloads them too, in order', async () => {
    const game = await liveGame({ watch: false });
    const result = await game.engine.hotReload.reloadPack('starter-world', undefined, { trigger: 'manual' });
    expect(result.success).toBe(true);
    expect(game.engine.hotReload.getReloadHistory().map((r) => [r.packName, r.trigger, r.success])).toEqual([
      ['starter-world', 'manual', true],
      ['combat', 'dependency', true],
    ]);
    expect(await game.hero.do('look')).toContain('A giant rat is here.');
    await game.stop();
  });

  it('never runs two reloads of one pack at once', async () => {
    const game = await liveGame({ watch: false });
    let running = 0;
    let most = 0;
    game.engine.hotReload.registerHook('pre_load', async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
    });
    const results = await Promise.all([1, 2, 3].map(() => game.engine.hotReload.reloadPack('combat')));
    expect(results.every((r) => r.success)).toBe(true);
    expect(most).toBe(1);
    await game.stop();
  });
});
