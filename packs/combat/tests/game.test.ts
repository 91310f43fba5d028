import { describe, expect, it } from 'vitest';
import { createTestEngine, TestPlayer } from '@maid/engine/testing';
import StarterWorldPack, { ITEM_PROTOTYPES, createItem, findPrototype } from '@packs/starter-world';
import CombatPack from '../src/pack';
import { BASE_DAMAGE, DAMAGE_PER_LEVEL, Experience, Health, LOOT_DATA, awardXp, levelForXp, rollLoot, xpForLevel } from '../src/index';

async function game() {
  const t = await createTestEngine({ packs: [new StarterWorldPack(), new CombatPack()] });
  const hero = TestPlayer.login(t.engine, 'Hero');
  return { ...t, hero };
}

/** Ticks (a tenth of a second each) until the hero has read `text`, at most `limit` ticks. */
async function until(t: { ticks(n: number): Promise<void> }, hero: TestPlayer, text: string, from = 0, limit = 600): Promise<string> {
  for (let i = 0; i < limit && !hero.since(from).includes(text); i++) await t.ticks(1);
  const seen = hero.since(from);
  expect(seen).toContain(text);
  return seen;
}

function give(t: { engine: { world: Parameters<typeof createItem>[0] } }, hero: TestPlayer, key: string) {
  const proto = findPrototype(key, ITEM_PROTOTYPES);
  if (!proto) throw new Error(`no prototype ${key}`);
  return createItem(t.engine.world, proto, { holder: hero.entity.id });
}

async function toCellar(hero: TestPlayer) {
  await hero.do('n');
  await hero.do('e');
  return hero.do('down');
}

describe('killing for loot and experience', () => {
  it('leaves a corpse holding coins and the dagger, pays experience, and the corpse rots away', async () => {
    const t = await game();
    const { hero } = t;
    await toCellar(hero);
    const mark = hero.received.length;
    await hero.do('kill rat');
    const fight = await until(t, hero, 'You gain 40 experience.', mark);
    expect(fight).toContain('A giant rat dies.');
    expect(fight).toContain('A dead rat lies on the ground.');
    expect(await hero.do('look')).toContain('A dead rat is here.');
    const inside = await hero.do('look in corpse');
    expect(inside).toMatch(/^A dead rat holds:\n {2}\d gold coins\n {2}a rusty dagger/);
    expect(await hero.do('look corpse')).toContain('A dead rat: What is left of a giant rat.');

    const taken = await hero.do('get all from corpse');
    expect(taken).toMatch(/You take \d gold coins from a dead rat\. \(You have \d coins\.\)/);
    expect(taken).toContain('You take a rusty dagger from a dead rat.');
    expect(await hero.do('look in corpse')).toBe('A dead rat is empty.');
    expect(await hero.do('get dagger from corpse')).toBe("There is no 'dagger' in a dead rat.");
    expect(await hero.do('get corpse')).toBe("You can't pick up a dead rat.");
    expect(await hero.do('i')).toContain('a rusty dagger');
    expect(hero.entity.get(Experience)).toEqual({ xp: 40, level: 1 });

    const rot = hero.received.length;
    await t.ticks(LOOT_DATA['combat:cellar-rat']!.decaySeconds! * 10 + 1);
    expect(hero.since(rot)).toContain('A dead rat rots away.');
    expect(await hero.do('look')).not.toContain('dead rat');
    await t.stop();
  });

  it('hits harder with a wielded weapon, and worn armour softens the blows taken', async () => {
    const t = await game();
    const { hero } = t;
    give(t, hero, 'short-sword');
    give(t, hero, 'leather-jerkin');
    expect(await hero.do('wield sword')).toBe('You wield a short sword.');
    expect(await hero.do('wear jerkin')).toBe('You wear a leather jerkin.');
    await toCellar(hero);
    expect(await hero.do('attack rat')).toBe(`You hit a giant rat for ${BASE_DAMAGE + 6} damage. (a giant rat: ${30 - BASE_DAMAGE - 6}/30)`);
    // The rat bites for 2; the jerkin's armour 2 leaves the least a blow can do.
    const seen = await until(t, hero, 'A giant rat hits you for', hero.received.length);
    expect(seen).toContain('A giant rat hits you for 1 damage.');
    await t.stop();
  });

  it('raises the level at each threshold: more health, harder blows, and says so', async () => {
    const t = await game();
    const { hero, engine } = t;
    expect(xpForLevel(2)).toBe(100);
    expect(levelForXp(99)).toBe(1);
    expect(levelForXp(300)).toBe(3);
    const mark = hero.received.length;
    awardXp(engine.world, hero.entity, 120);
    expect(hero.since(mark)).toBe('You gain 120 experience.\nYou have reached level 2! Your health rises to 110, and your blows land harder.');
    expect(hero.entity.get(Health)).toEqual({ current: 110, max: 110 });
    await hero.do('s');
    expect(await hero.do('attack dummy')).toMatch(new RegExp(`^You hit a training dummy for ${BASE_DAMAGE + DAMAGE_PER_LEVEL} damage\\.`));
    await t.stop();
  });

  it('shows level, experience, health, coins and equipment on score', async () => {
    const t = await game();
    const { hero } = t;
    expect(await hero.do('score')).toBe(
      ['Hero, level 1', 'Experience: 0; 100 for level 2', 'Health: 100/100', 'Coins: 0', `Attack: ${BASE_DAMAGE} damage a blow; armour 0`, 'Equipment: none'].join('\n'),
    );
    give(t, hero, 'short-sword');
    give(t, hero, 'leather-cap');
    await hero.do('wield sword');
    await hero.do('wear cap');
    const sheet = await hero.do('sc');
    expect(sheet).toContain(`Attack: ${BASE_DAMAGE + 6} damage a blow; armour 1`);
    expect(sheet).toMatch(/Equipment:\n {2}<wielded> +a short sword\n {2}<worn on head> +a leather cap/);
    expect(await hero.do('hp')).toBe('Health: 100/100');
    await t.stop();
  });
});

describe('loot tables', () => {
  it('rolls coins in the range and each item by its chance', () => {
    const rolls = [0.99, 0.2, 0.7];
    const random = () => rolls.shift() ?? 0;
    const drop = rollLoot({ min: 2, max: 5 }, [{ item: 'always', chance: 1 }, { item: 'often', chance: 0.5 }, { item: 'rarely', chance: 0.3 }], random);
    expect(drop).toEqual({ coins: 5, items: ['always', 'often'] });
    expect(rollLoot({ min: 0, max: 0 }, [], () => 0.5)).toEqual({ coins: 0, items: [] });
  });
});
