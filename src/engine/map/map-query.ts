/**
 * The map of the loaded world, read from what each pack's area files hold
 * now (the content layer's committed version, so file and line are the
 * entry's), and the markers: who stands where.
 */
import type { GameEngine } from '../engine';
import type { World } from '../ecs/world';
import { packOf } from '../content/keys';
import type { Entity } from '../ecs/entity';
import { entityName } from '../inspect/entity-list';
import type { MapMarker, MapRoom, WorldMap } from './types';

/** What the markers need of the engine: its world. */
export type MarkerHost = { readonly world: World };

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

/** The room key an entity stands in (undefined when held, or nowhere). */
export function roomOf(entity: Entity): string | undefined {
  const room = (entity.getByName('Location') as { room?: unknown } | undefined)?.room;
  return typeof room === 'string' && packOf(room) !== '' ? room : undefined;
}

export type MarkerKind = MapMarker['kind'];

/**
 * Visits every player and NPC standing in a room, through the world's
 * queries (never a scan of every entity), allocating nothing: what a tick's
 * delta costs is this loop.
 */
export function forEachPlaced(engine: MarkerHost, visit: (entity: Entity, kind: MarkerKind, room: string) => void): void {
  const world = engine.world;
  const location = world.componentType('Location');
  if (!location) return;
  const playerSlot = world.componentType('Player')?.slot;
  for (const name of ['Player', 'Npc'] as const) {
    const type = world.componentType(name);
    if (!type) continue;
    const kind = name === 'Player' ? 'player' : 'npc';
    for (const entity of world.query(type, location)) {
      // An entity both Player and Npc is visited once, as the player.
      if (kind === 'npc' && playerSlot !== undefined && entity.slots[playerSlot] !== undefined) continue;
      const room = roomOf(entity);
      if (room !== undefined) visit(entity, kind, room);
    }
  }
}

export function markerOf(entity: Entity, kind: MarkerKind, room: string): MapMarker {
  return { entity: entity.id, name: entityName(entity), kind, room };
}

/** Every player and NPC standing in a room now. */
export function mapMarkers(engine: MarkerHost): MapMarker[] {
  const markers: MapMarker[] = [];
  forEachPlaced(engine, (e, kind, room) => markers.push(markerOf(e, kind, room)));
  return markers;
}

export function worldMap(engine: GameEngine): WorldMap {
  return { ...mapRooms(engine), markers: mapMarkers(engine) };
}
