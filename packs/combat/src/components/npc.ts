import { defineComponent } from '@maid/engine';

/** A creature that fights back and comes back after it dies. */
export const Npc = defineComponent({
  name: 'Npc',
  version: 1,
  defaults: () => ({
    /** Room it spawns in. */
    home: '',
    /** Damage of each of its blows. */
    damage: 2,
    respawnSeconds: 30,
    /** Seconds until it comes back; set while it is dead. */
    respawnIn: undefined as number | undefined,
  }),
});
