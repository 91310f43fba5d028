import { ITEM_PROTOTYPES, findPrototype, type ItemPrototype } from '@packs/starter-world';
import items from '../data/items.json';

/** What creatures drop that no shop sells (pelts, tails, a lost dagger). */
export const LOOT_PROTOTYPES = items as ItemPrototype[];

/** A loot item by key: the combat pack's own first, then the town's goods. */
export function lootPrototype(key: string): ItemPrototype | undefined {
  return findPrototype(key, LOOT_PROTOTYPES) ?? findPrototype(key, ITEM_PROTOTYPES);
}
