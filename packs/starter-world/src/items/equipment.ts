import type { Entity, World } from '@maid/engine';
import { Location } from '../components';
import { Equippable, Equipped, SLOTS, type Slot } from '../components/game';

/** What a character is wielding and wearing, by slot. */
export function equipmentOf(world: World, wearer: Entity): Map<Slot, Entity> {
  const bySlot = new Map<Slot, Entity>();
  for (const item of world.index(Equipped, 'by').get(wearer.id)) {
    // Only what it still carries: anything that moved the item away ends its use.
    const slot = item.get(Equipped)?.slot;
    if (slot && item.get(Location)?.holder === wearer.id) bySlot.set(slot, item);
  }
  return bySlot;
}

/** The equipment in slot order (weapon first), for listing. */
export function equipmentList(world: World, wearer: Entity): Array<[Slot, Entity]> {
  const bySlot = equipmentOf(world, wearer);
  return SLOTS.flatMap((slot) => {
    const item = bySlot.get(slot);
    return item ? [[slot, item] as [Slot, Entity]] : [];
  });
}

export function isEquipped(item: Entity): boolean {
  return item.has(Equipped);
}

/** What the actor carries and is not using: the inventory proper. */
export function unequipped(items: Entity[]): Entity[] {
  return items.filter((item) => !item.has(Equipped));
}

/** Extra damage of the wielded weapon, and the armour of everything worn. */
export function gearBonus(world: World, wearer: Entity): { damage: number; armour: number } {
  let damage = 0;
  let armour = 0;
  for (const item of equipmentOf(world, wearer).values()) {
    const stats = item.get(Equippable);
    if (!stats) continue;
    damage += stats.damage;
    armour += stats.armour;
  }
  return { damage, armour };
}

/** "wielded", "worn on head": where a slot's item is, in words. */
export function slotWords(slot: Slot): string {
  return slot === 'weapon' ? 'wielded' : slot === 'shield' ? 'worn as shield' : `worn on ${slot}`;
}
