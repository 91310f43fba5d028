import type { Entity, World } from '@maid/engine';
import { Describable, Item, Location } from '../components';
import { Coins, Purse } from '../components/game';

export function coinsOf(entity: Entity): number {
  return entity.get(Purse)?.coins ?? 0;
}

/** Adds (or, negative, takes) coins; a character without a purse gets one. */
export function addCoins(entity: Entity, amount: number): number {
  if (!entity.has(Purse)) entity.add(Purse, { coins: 0 });
  return entity.update(Purse, (p) => ({ coins: Math.max(0, p.coins + amount) })).coins;
}

/** "1 coin", "5 coins": an amount in a sentence about prices. */
export function coinCount(amount: number): string {
  return amount === 1 ? '1 coin' : `${amount} coins`;
}

export function coinWords(amount: number): string {
  return amount === 1 ? 'a gold coin' : `${amount} gold coins`;
}

/** A pile of coins as a thing in the world (in a room, or held by a container). */
export function createCoinPile(world: World, amount: number, place: { room?: string; holder?: string }): Entity {
  const pile = world.createEntity();
  pile.add(Describable, { name: coinWords(amount), keywords: ['coins', 'coin', 'gold'], description: 'Gold coins, stamped with a crown.' });
  pile.add(Item, { portable: true });
  pile.add(Coins, { amount });
  pile.add(Location, { room: place.room, holder: place.holder });
  return pile;
}
