import type { Entity, World } from '@maid/engine';
import { Item, Location } from '../components';
import { Coins } from '../components/game';
import { nameOf } from '../world/places';
import { addCoins, coinCount } from './coins';

/**
 * Takes a thing into the actor's hands and says what happened; coins go into
 * the purse (the pile is gone). Returns false, with the reason told, when the
 * thing cannot be picked up.
 */
export function pickUp(world: World, actor: Entity, thing: Entity, from?: Entity): boolean {
  const source = from ? ` from ${nameOf(from)}` : '';
  if (!thing.get(Item)?.portable) {
    world.send(actor, `You can't pick up ${nameOf(thing)}.`);
    return false;
  }
  const coins = thing.get(Coins);
  if (coins) {
    const total = addCoins(actor, coins.amount);
    world.destroyEntity(thing);
    world.send(actor, `You take ${nameOf(thing)}${source}. (You have ${coinCount(total)}.)`);
    return true;
  }
  thing.set(Location, { room: undefined, holder: actor.id });
  world.send(actor, from ? `You take ${nameOf(thing)}${source}.` : `You pick up ${nameOf(thing)}.`);
  return true;
}
