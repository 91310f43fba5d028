import type { Entity, World } from '@maid/engine';
import { Describable, Item, Location } from '../components';
import { Equippable, MadeFrom, Value, type Slot } from '../components/game';
import items from '../data/items.json';

/** An item as data: what `createItem` makes, for shops and loot. */
export interface ItemPrototype {
  key: string;
  name: string;
  keywords: string[];
  description: string;
  /** What a shop asks for it, in coins. */
  value?: number;
  /** Present on things a player can wield or wear. */
  equip?: { slot: Slot; damage?: number; armour?: number };
}

/** The town's goods: what its shops sell. */
export const ITEM_PROTOTYPES = items as ItemPrototype[];

export function findPrototype(key: string, prototypes: readonly ItemPrototype[] = ITEM_PROTOTYPES): ItemPrototype | undefined {
  return prototypes.find((p) => p.key === key);
}

/** A new item made from a prototype, lying in a room or held by someone (or something). */
export function createItem(world: World, proto: ItemPrototype, place: { room?: string; holder?: string }): Entity {
  const item = world.createEntity();
  item.add(Describable, { name: proto.name, keywords: [...proto.keywords], description: proto.description });
  item.add(Item, { portable: true });
  item.add(MadeFrom, { prototype: proto.key });
  if (proto.value !== undefined) item.add(Value, { coins: proto.value });
  if (proto.equip) item.add(Equippable, { slot: proto.equip.slot, damage: proto.equip.damage ?? 0, armour: proto.equip.armour ?? 0 });
  item.add(Location, { room: place.room, holder: place.holder });
  return item;
}
