/**
 * The map of the loaded world, read from what each pack's area files hold
 * now (the content layer's committed version, so file and line are the
 * entry's), and the markers: who stands where.
 */
import type { GameEngine } from '../engine';
import { packOf } from '../content/keys';
import type { Entity } from '../ecs/entity';
import { entityName } from '../inspect/entity-list';
import type { MapMarker, MapRoom, WorldMap } from './types';

export function mapRooms(engine: GameEngine): { rooms: MapRoom[]; withoutAreas: string[] } {
  const rooms: MapRoom[] = [];
  const withoutAreas: string[] = [];
  for (const pack of engine.listPacks()) {
    if (pack.status !== 'loaded') continue;
    const content = engine.content.contentOf(pack.name);
    if (!content || content.files.length === 0) {
      withoutAreas.push(pack.name);
      continue;
    }
    for (const file of content.files) {
      for (const room of file.rooms) {
        rooms.push({
          key: room.key,
          name: room.name,
          area: room.area ?? file.name ?? pack.name,
          exits: { ...room.exits } as Record<string, string>,
          ...(room.coordinates ? { coordinates: [...room.coordinates] as [number, number, number] } : {}),
          ...(room.environment !== undefined ? { environment: room.environment } : {}),
          pack: pack.name,
          file: file.file,
          line: room.at.line,
        });
      }
    }
  }
  return { rooms, withoutAreas };
}

/** The marker of a player or NPC standing in a room; undefined for anything else (items, rooms, the held). */
export function markerOf(entity: Entity, player: number | undefined, npc: number | undefined): MapMarker | undefined {
  const slots = entity.slots;
  const kind = player !== undefined && slots[player] !== undefined ? 'player' : npc !== undefined && slots[npc] !== undefined ? 'npc' : undefined;
  if (!kind) return undefined;
  const room = (entity.getByName('Location') as { room?: unknown } | undefined)?.room;
  if (typeof room !== 'string' || packOf(room) === '') return undefined;
  return { entity: entity.id, name: entityName(entity), kind, room };
}

/** Every player and NPC standing in a room now. */
export function mapMarkers(engine: GameEngine): MapMarker[] {
  const markers: MapMarker[] = [];
  forEachMarker(engine, (m) => markers.push(m));
  return markers;
}

/** Visits the players and NPCs through the world's queries (never a scan of every entity). */
export function forEachMarker(engine: GameEngine, visit: (marker: MapMarker) => void): void {
  const world = engine.world;
  const location = world.componentType('Location');
  if (!location) return;
  const playerSlot = world.componentType('Player')?.slot;
  const npcSlot = world.componentType('Npc')?.slot;
  for (const name of ['Player', 'Npc']) {
    const type = world.componentType(name);
    if (!type) continue;
    for (const entity of world.query(type, location)) {
      // An entity both Player and Npc is visited once, as the player.
      if (name === 'Npc' && playerSlot !== undefined && entity.slots[playerSlot] !== undefined) continue;
      const marker = markerOf(entity, playerSlot, npcSlot);
      if (marker) visit(marker);
    }
  }
}

export function worldMap(engine: GameEngine): WorldMap {
  return { ...mapRooms(engine), markers: mapMarkers(engine) };
}
