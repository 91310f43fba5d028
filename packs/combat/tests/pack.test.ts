import { describe, expect, it } from 'vitest';
import { checkPackContract, checkPackLifecycle, createTestEngine, TestPlayer } from '@maid/engine/testing';
import StarterWorldPack, { Location } from '@packs/starter-world';
import CombatPack from '../src/pack';
import { BASE_DAMAGE, CombatSystem, Health, ROUND_SECONDS, combatSystem } from '../src/index';

async function game() {
  const t = await createTestEngine({ packs: [new StarterWorldPack(), new CombatPack()] });
  const hero = TestPlayer.login(t.engine, 'Hero');
  return { ...t, hero };
}

describe('combat pack', () => {
  it('follows the pack protocol', () => {
    checkPackContract(new CombatPack());
  });

  it('loads, ticks and unloads leaving nothing behind', async () => {
    await checkPackLifecycle(() => new CombatPack(), { dependencies: [new StarterWorldPack()], cycles: 3 });
  });

  it('will not load without the starter world', async () => {
    const t = await createTestEngine({ packs: [new CombatPack()] });
    const record = t.engine.getPack('combat');
    expect(record?.status).toBe('failed');
    expect(record?.error).toBe("Pack 'combat' depends on 'starter-world', which is not loaded");
    await t.stop();
  });
});

describe('fighting', () => {
  it('kills the cellar rat in blows of the base damage, then it respawns', async () => {
    const { engine, hero, ticks, stop } = await game();
    await hero.do('n');
    await hero.do('e');
    expect(await hero.do('down')).toContain('A giant rat is here.');
    expect(hero.entity.get(Health)).toEqual({ current: 100, max: 100 });

    expect(await hero.do('attack rat')).toBe(`You hit a giant rat for ${BASE_DAMAGE} damage. (a giant rat: 20/30)`);
    expect(await hero.do('attack rat')).toBe('You are already fighting a giant rat!');
    const mark = hero.received.length;
    await ticks(Math.ceil((ROUND_SECONDS * 2) / 0.1) + 1);
    const fight = hero.since(mark);
    expect(fight).toContain('A giant rat hits you for 2 damage.');
    expect(fight).toContain('You hit a giant rat for 10 damage. (a giant rat: 0/30)');
    expect(fight).toContain('A giant rat dies.');
    expect(await hero.do('look')).not.toContain('giant rat');
    expect(hero.entity.get(Health)?.current).toBeLessThan(100);
    expect(await hero.do('kill rat')).toBe("You don't see 'rat' here.");

    await ticks(21 * 10);
    expect(await hero.do('look')).toContain('A giant rat is here.');
    expect(engine.world.findByKey('combat:cellar-rat')?.get(Health)).toEqual({ current: 30, max: 30 });
    await stop();
  });

  it('sends a dead player back to the town square with full health', async () => {
    const { engine, hero, ticks, stop } = await game();
    await hero.do('n');
    await hero.do('n');
    hero.entity.set(Health, { current: 6, max: 100 });
    await hero.do('attack wolf');
    await ticks(60);
    expect(hero.transcript).toContain('You have died!');
    expect(hero.entity.get(Location)?.room).toBe('starter-world:town-square');
    expect(hero.entity.get(Health)).toEqual({ current: 100, max: 100 });
    expect(combatSystem(engine)?.isFighting(hero.entity)).toBeUndefined();
    await stop();
  });

  it('answers mistakes in words a player understands', async () => {
    const { hero, stop } = await game();
    expect(await hero.do('attack')).toBe('Attack whom? Usage: attack <target>');
    expect(await hero.do('attack dragon')).toBe("You don't see 'dragon' here.");
    expect(await hero.do('attack stone')).toBe("You can't attack a smooth stone.");
    expect(await hero.do('flee')).toBe('You are not fighting anyone.');
    expect(await hero.do('hp')).toBe('Health: 100/100');
    await stop();
  });

  it('captures and restores active combats and cooldowns', async () => {
    const { engine, hero, stop } = await game();
    await hero.do('s');
    await hero.do('attack dummy');
    const system = combatSystem(engine) as CombatSystem;
    const state = system.captureState();
    expect(Object.keys(state.active_combats as object)).toHaveLength(2);
    expect((state.cooldowns as Record<string, number>)[hero.entity.id]).toBe(ROUND_SECONDS);
    const fresh = new CombatSystem(engine.world);
    fresh.restoreState(JSON.parse(JSON.stringify(state)));
    expect(fresh.captureState()).toEqual(state);
    expect(fresh.isFighting(hero.entity)?.targetId).toBe(engine.world.findByKey('combat:training-dummy')?.id);
    await stop();
  });
});
