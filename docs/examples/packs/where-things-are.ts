import { defineComponent, type Entity, type World } from '@maid/engine';

// Where a thing is. Immutable: a move replaces the data (set or update),
// so the world can keep every thing indexed by its room.
export const Position = defineComponent({
  name: 'Position',
  immutable: true,
  defaults: () => ({ room: 'nowhere' }),
});

/** Everything in a room, found without looking at anything else. */
export function thingsIn(world: World, room: string): readonly Entity[] {
  return world.index(Position, 'room').get(room);
}

export function move(thing: Entity, room: string): void {
  thing.update(Position, { room });
}
