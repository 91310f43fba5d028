import type { World } from '@maid/engine';
import { Describable, Item, Location, Room, type Direction } from '../components';

export interface RoomData {
  key: string;
  name: string;
  description: string;
  exits: Partial<Record<Direction, string>>;
}

export interface ItemData {
  key: string;
  name: string;
  keywords: string[];
  description: string;
  room: string;
}

export interface WorldData {
  start: string;
  rooms: RoomData[];
  items: ItemData[];
}

/** Problems in the world data (exits to nowhere, a missing start room), as sentences. */
export function checkWorldData(data: WorldData): string[] {
  const keys = new Set(data.rooms.map((r) => r.key));
  const problems: string[] = [];
  if (!keys.has(data.start)) problems.push(`start room "${data.start}" does not exist`);
  for (const room of data.rooms) {
    for (const [dir, to] of Object.entries(room.exits)) {
      if (!keys.has(to as string)) problems.push(`exit ${dir} of room "${room.key}" leads to unknown room "${to}"`);
    }
  }
  for (const item of data.items) if (!keys.has(item.room)) problems.push(`item "${item.key}" is in unknown room "${item.room}"`);
  return problems;
}

/**
 * Puts the rooms and items into the world. Rooms are rewritten from the data
 * every time, so an edit to the data shows on the next reload; items are only
 * created when missing, so one a player carries away stays with the player.
 */
export function buildWorld(world: World, data: WorldData): void {
  const problems = checkWorldData(data);
  if (problems.length > 0) throw new Error(`The world data is not valid: ${problems.join('; ')}`);
  for (const room of data.rooms) {
    const entity = world.ensureEntity(`room:${room.key}`);
    entity.set(Room, { key: room.key, name: room.name, description: room.description, exits: { ...room.exits } });
  }
  for (const item of data.items) {
    world.ensureEntity(item.key, (e) => {
      e.add(Describable, { name: item.name, keywords: item.keywords, description: item.description });
      e.add(Item, { portable: true });
      e.add(Location, { room: item.room });
    });
  }
}
