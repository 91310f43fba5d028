import { defineEventHandler, type Entity } from '@maid/engine';
import { Location, Player } from '../components';
import { describeRoom, nameOf, roomEntity, tellRoom } from '../world/places';

export interface LoginEvent {
  actor: Entity;
  /** The name the player logged in with, for a character that has no Player data yet. */
  name?: string;
  isNew?: boolean;
  /** The engine restarted and put the player back: they never left, so the room is not told again. */
  resumed?: boolean;
}

/**
 * When a player logs in (the server emits `player:login`), put a new
 * character in the start room, tell the room, and show the player where
 * they are. A player put back after an engine restart is shown the room
 * too, but the room hears nothing: for the others they were there all along.
 */
export function arrivalHandler(startRoom: string) {
  return defineEventHandler<LoginEvent>('player:login', ({ actor, name, resumed }, { world }) => {
    if (!actor.has(Player)) actor.add(Player, { name: name ?? 'Someone' });
    const room = actor.get(Location)?.room;
    const here = room && roomEntity(world, room) ? room : startRoom;
    if (here !== room) actor.set(Location, { room: here, holder: undefined });
    if (!resumed) tellRoom(world, here, `${nameOf(actor)} appears.`, [actor]);
    world.send(actor, describeRoom(world, here, actor));
  });
}
