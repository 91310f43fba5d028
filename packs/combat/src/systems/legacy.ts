import type { World } from '@maid/engine';

// Creatures of a world saved before they moved into areas/creatures.yaml:
// the area's spawns replace them (under qualified keys, combat:cellar-rat).
const OLD_NPCS = ['npc:cellar-rat', 'npc:forest-wolf', 'npc:training-dummy'];

/** Removes the old creatures from a saved world (nothing, once done). */
export function retireOldCreatures(world: World): void {
  for (const key of OLD_NPCS) {
    const npc = world.findByKey(key);
    if (npc) world.destroyEntity(npc);
  }
}

