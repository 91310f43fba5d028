import type { Entity, World } from '@maid/engine';
import { Shopkeeper, Value } from '../components/game';
import { findPrototype, type ItemPrototype } from '../items/prototypes';
import { occupants } from '../world/places';

/** The shopkeeper in the room, if there is one. */
export function shopkeeperIn(world: World, room: string | undefined): Entity | undefined {
  return room ? occupants(world, room).find((e) => e.has(Shopkeeper)) : undefined;
}

/** What the shop sells, as prototypes (unknown keys in the stock are skipped). */
export function stockOf(keeper: Entity): ItemPrototype[] {
  return (keeper.get(Shopkeeper)?.stock ?? []).flatMap((key) => findPrototype(key) ?? []);
}

/** A stock item by what the player typed: a keyword, or the start of one. */
export function findInStock(stock: ItemPrototype[], query: string): ItemPrototype | undefined {
  const words = query.toLowerCase().split(/\s+/);
  return stock.find((p) => words.every((w) => p.keywords.some((k) => k.startsWith(w))));
}

/** What a shop pays for an item: half its value, at least a coin; nothing for worthless things. */
export function offerFor(item: Entity): number {
  const value = item.get(Value)?.coins ?? 0;
  return value > 0 ? Math.max(1, Math.floor(value / 2)) : 0;
}
