import { UsageError, defineCommand, type CommandContext } from '@maid/engine';
import { DIRECTIONS, Room, type Direction } from '../components';
import { describeRoom, moveTo, nameOf, roomEntity, roomKeyOf, tellRoom } from '../world/places';

const ARRIVE_FROM: Record<Direction, string> = {
  north: 'the south',
  south: 'the north',
  east: 'the west',
  west: 'the east',
  up: 'below',
  down: 'above',
};

const SHORT: Record<string, Direction> = { n: 'north', s: 'south', e: 'east', w: 'west', u: 'up', d: 'down' };

export function parseDirection(word: string): Direction | undefined {
  const w = word.toLowerCase();
  if ((DIRECTIONS as readonly string[]).includes(w)) return w as Direction;
  return SHORT[w];
}

/** Moves the actor through an exit, telling both rooms, and shows the new room. */
export function walk(ctx: CommandContext, direction: Direction): void {
  const { actor, world, session } = ctx;
  const from = roomKeyOf(actor);
  const room = from ? roomEntity(world, from)?.get(Room) : undefined;
  const to = room?.exits[direction];
  if (!from || !to || !roomEntity(world, to)) {
    session.send("You can't go that way.");
    return;
  }
  const name = nameOf(actor);
  tellRoom(world, from, `${name} leaves ${direction}.`, [actor]);
  moveTo(actor, to);
  tellRoom(world, to, `${name} arrives from ${ARRIVE_FROM[direction]}.`, [actor]);
  session.send(describeRoom(world, to, actor));
  world.events.emit('player:moved', { actor, from, to });
}

export const directionCommands = DIRECTIONS.map((direction) =>
  defineCommand({
    name: direction,
    aliases: [direction[0] as string],
    help: `Walk ${direction}`,
    category: 'movement',
    handler: (ctx) => walk(ctx, direction),
  }),
);

export const go = defineCommand({
  name: 'go',
  usage: 'go <direction>',
  help: 'Walk in a direction: go north',
  category: 'movement',
  handler(ctx) {
    const direction = ctx.args[0] ? parseDirection(ctx.args[0]) : undefined;
    if (!direction) throw new UsageError(`Usage: go <direction> (one of ${DIRECTIONS.join(', ')})`);
    walk(ctx, direction);
  },
});
