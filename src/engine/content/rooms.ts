import type { ComponentType } from '../ecs/component';
import type { Entity } from '../ecs/entity';
import type { World } from '../ecs/world';
import { ContentOrigin } from './components';
import { sameData } from './equal';
import { roomEntityKey } from './keys';
import type { RoomDef } from './types';
import { LOCATION_COMPONENT, ROOM_COMPONENT } from './validate';

interface LiveRoom {
  key?: string;
  name?: string;
  exits?: Record<string, string>;
}

/** Writes a room onto its entity; returns 'added', 'changed' or undefined when the live room already matched. */
export function writeRoom(world: World, packName: string, room: RoomDef, before?: RoomDef): 'added' | 'changed' | undefined {
  const type = world.componentType(ROOM_COMPONENT);
  if (!type) return undefined;
  const existing = world.findByKey(roomEntityKey(room.key));
  const entity = existing ?? world.createEntity({ key: roomEntityKey(room.key) });
  let changed = false;
  const data: Record<string, unknown> = { ...(type.defaults() as Record<string, unknown>), key: room.key, name: room.name, description: room.description, exits: { ...room.exits } };
  if (room.coordinates) data.coordinates = [...room.coordinates];
  if (room.environment !== undefined) data.environment = room.environment;
  if (room.area !== undefined) data.area = room.area;
  if (!sameData(entity.getByName(ROOM_COMPONENT), data)) {
    world.setComponentData(entity, ROOM_COMPONENT, data);
    changed = true;
  }
  for (const [name, extra] of Object.entries(room.components)) {
    const extraType = world.componentType(name);
    if (!extraType) continue;
    const desired = { ...(extraType.defaults() as Record<string, unknown>), ...structuredClone(extra) };
    if (!sameData(entity.getByName(name), desired)) {
      world.setComponentData(entity, name, desired);
      changed = true;
    }
  }
  for (const name of Object.keys(before?.components ?? {})) {
    if (name in room.components || !entity.getByName(name)) continue;
    world.setComponentData(entity, name, undefined);
    changed = true;
  }
  const origin = { pack: packName, file: room.at.file, key: room.key };
  if (!sameData(entity.get(ContentOrigin), origin)) entity.add(ContentOrigin, origin);
  if (!existing) return 'added';
  return changed ? 'changed' : undefined;
}

/**
 * Takes a room out of the world. What stands in it goes somewhere sensible:
 * the first room one of its exits leads to, else a room of the same file,
 * else of the same pack, else any room; players there are told. Returns how
 * many things moved.
 */
export function removeRoom(world: World, roomKey: string, fallbacks: () => string[]): number {
  const entity = world.findByKey(roomEntityKey(roomKey));
  const live = entity?.getByName(ROOM_COMPONENT) as LiveRoom | undefined;
  const location = world.componentType(LOCATION_COMPONENT);
  const here: Entity[] = location ? standingIn(world, location as ComponentType<{ room?: string }>, roomKey) : [];
  let moved = 0;
  if (here.length > 0) {
    const exists = (key: string) => key !== roomKey && world.findByKey(roomEntityKey(key)) !== undefined;
    const destination = Object.values(live?.exits ?? {}).find(exists) ?? fallbacks().find(exists);
    const destName = destination ? ((world.findByKey(roomEntityKey(destination))?.getByName(ROOM_COMPONENT) as LiveRoom | undefined)?.name ?? destination) : undefined;
    for (const thing of here) {
      const at = thing.getByName(LOCATION_COMPONENT) as Record<string, unknown>;
      world.setComponentData(thing, LOCATION_COMPONENT, { ...at, room: destination, holder: undefined });
      world.send(thing, destination ? `${live?.name ?? 'The room'} fades away around you. You find yourself in ${destName}.` : `${live?.name ?? 'The room'} fades away around you, and there is nowhere left to stand.`);
      moved++;
    }
  }
  if (entity) world.destroyEntity(entity);
  return moved;
}

/** What stands in a room: through the world's index when Location can have one (immutable data), else by a scan. */
function standingIn(world: World, location: ComponentType<{ room?: string }>, roomKey: string): Entity[] {
  if (location.immutable) return world.index(location, 'room').get(roomKey).slice();
  return world.query(location).toArray().filter((e) => e.get(location)?.room === roomKey);
}
