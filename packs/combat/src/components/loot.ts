import { defineComponent } from '@maid/engine';

/** One line of a loot table: an item prototype and the chance (0..1) that it drops. */
export interface LootEntry {
  item: string;
  chance: number;
}

/**
 * What killing a creature is worth: experience for the killer, and a corpse
 * holding coins and items rolled from the table. Prototype data: the
 * content layer may carry it on NPC prototypes.
 */
export const Loot = defineComponent({
  name: 'Loot',
  version: 1,
  defaults: () => ({
    xp: 0,
    coins: { min: 0, max: 0 },
    items: [] as LootEntry[],
    /** The corpse's name; empty for "the corpse of <name>". */
    corpse: '',
    /** Seconds until the corpse (and what is left in it) rots away. */
    decaySeconds: 120,
  }),
});
