import type { World } from '@maid/engine';
import { Location } from '../components';

// What a world saved before the town moved into areas/town.yaml holds under
// the old keys. Its rooms and lying items are replaced by the area file's
// (under qualified keys); an item someone carries stays theirs.
const OLD_ROOMS = ['town-square', 'north-road', 'market', 'tavern', 'cellar', 'temple', 'south-gate', 'forest-edge'];
const OLD_ITEMS = ['item:bread', 'item:torch', 'item:stone'];

/** Removes the old town's entities from a saved world (nothing, once done). */
export function retireOldTown(world: World): void {
  for (const key of OLD_ROOMS) {
    const room = world.findByKey(`room:${key}`);
    if (room) world.destroyEntity(room);
  }
  for (const key of OLD_ITEMS) {
    const item = world.findByKey(key);
    if (item && item.get(Location)?.holder === undefined) world.destroyEntity(item);
  }
}
