import type { Entity, World } from '@maid/engine';
import { Describable, Location, Player, Room } from '../components';

export function roomEntity(world: World, roomKey: string): Entity | undefined {
  return world.findByKey(`room:${roomKey}`);
}

export function roomKeyOf(entity: Entity): string | undefined {
  return entity.get(Location)?.room;
}

/** The name a thing goes by: a player's name, else its description's name. */
export function nameOf(entity: Entity): string {
  return entity.get(Player)?.name || entity.get(Describable)?.name || 'something';
}

/** Everything lying or standing in a room (not held by anyone). */
export function occupants(world: World, roomKey: string): Entity[] {
  return world.index(Location, 'room').get(roomKey).slice();
}

export function carriedBy(world: World, holder: Entity): Entity[] {
  return world.index(Location, 'holder').get(holder.id).slice();
}

function matches(entity: Entity, word: string): boolean {
  const w = word.toLowerCase();
  const player = entity.get(Player);
  if (player && player.name.toLowerCase().startsWith(w)) return true;
  const d = entity.get(Describable);
  return !!d && d.keywords.some((k) => k.toLowerCase().startsWith(w));
}

/** A thing the actor can see, by keyword: "2.rat" picks the second rat. */
export function findIn(candidates: Entity[], query: string): Entity | undefined {
  const m = /^(\d+)\.(.+)$/.exec(query);
  const nth = m ? Number(m[1]) : 1;
  const word = m ? (m[2] as string) : query;
  return candidates.filter((e) => matches(e, word))[nth - 1];
}

export function findHere(world: World, actor: Entity, query: string): Entity | undefined {
  const room = roomKeyOf(actor);
  const here = room ? occupants(world, room).filter((e) => e !== actor) : [];
  return findIn(here, query) ?? findIn(carriedBy(world, actor), query);
}

/** Sends a line to every connected player in the room, except those listed. */
export function tellRoom(world: World, roomKey: string, text: string, except: Entity[] = []): void {
  for (const e of occupants(world, roomKey)) {
    if (e.has(Player) && !except.includes(e)) world.send(e, text);
  }
}

export function moveTo(entity: Entity, roomKey: string): void {
  entity.set(Location, { room: roomKey, holder: undefined });
}

/** What a player sees on `look`: name, description, exits, and who and what is here. */
export function describeRoom(world: World, roomKey: string, viewer: Entity): string {
  const room = roomEntity(world, roomKey)?.get(Room);
  if (!room) return 'You are nowhere. Everything is grey.';
  const exits = Object.keys(room.exits);
  const lines = [`{bold}${room.name}{reset}`, room.description, `{cyan}Exits: ${exits.length > 0 ? exits.join(', ') : 'none'}{reset}`];
  for (const e of occupants(world, roomKey)) {
    if (e === viewer || e.has(Room)) continue;
    if (e.has(Player)) {
      if (world.isOnline(e.id)) lines.push(`${nameOf(e)} is here.`);
    } else {
      lines.push(`${capitalise(nameOf(e))} is here.`);
    }
  }
  return lines.join('\n');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
