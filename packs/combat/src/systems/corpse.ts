import type { Entity, World } from '@maid/engine';
import { Container, Describable, Item, Location, capitalise, createCoinPile, createItem, nameOf, tellRoom } from '@packs/starter-world';
import { Decay } from '../components/decay';
import { Loot } from '../components/loot';
import { lootPrototype } from './loot-items';
import { rollLoot } from './loot-roll';

/**
 * Leaves a dead creature's corpse in the room, holding what its loot table
 * rolled. The corpse answers to "corpse" only, so the creature's own name
 * finds the creature again once it respawns.
 */
export function leaveCorpse(world: World, victim: Entity, room: string, random?: () => number): Entity | undefined {
  const loot = victim.get(Loot);
  if (!loot) return undefined;
  const corpse = world.createEntity();
  const name = loot.corpse || `the corpse of ${nameOf(victim)}`;
  corpse.add(Describable, { name, keywords: ['corpse', 'remains'], description: `What is left of ${nameOf(victim)}. Look in it to see what it had.` });
  corpse.add(Item, { portable: false });
  corpse.add(Container);
  corpse.add(Decay, { seconds: loot.decaySeconds });
  corpse.add(Location, { room });
  const drop = rollLoot(loot.coins, loot.items, random);
  if (drop.coins > 0) createCoinPile(world, drop.coins, { holder: corpse.id });
  for (const key of drop.items) {
    const proto = lootPrototype(key);
    if (proto) createItem(world, proto, { holder: corpse.id });
  }
  tellRoom(world, room, `${capitalise(name)} lies on the ground.`);
  return corpse;
}
