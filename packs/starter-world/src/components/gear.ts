import { defineComponent } from '@maid/engine';

/** Where a piece of equipment goes: one item per slot. */
export const SLOTS = ['weapon', 'head', 'body', 'shield'] as const;
export type Slot = (typeof SLOTS)[number];

/**
 * An item that can be wielded (slot `weapon`) or worn (any other slot), and
 * what it adds in a fight. Prototype data: the content layer may carry it.
 */
export const Equippable = defineComponent({
  name: 'Equippable',
  version: 1,
  defaults: () => ({ slot: 'weapon' as Slot, damage: 0, armour: 0 }),
});

/**
 * On an item its holder is using. The item stays carried (Location.holder),
 * so nothing that moves carried things loses it; it is only left out of the
 * inventory list. Immutable, so the world can index who uses what.
 */
export const Equipped = defineComponent({
  name: 'Equipped',
  version: 1,
  defaults: () => ({ by: '', slot: 'weapon' as Slot }),
  immutable: true,
});
