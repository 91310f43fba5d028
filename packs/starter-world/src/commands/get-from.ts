import type { CommandContext, Entity } from '@maid/engine';
import { Item } from '../components';
import { findContainer, findInside } from '../items/containers';
import { pickUp } from '../items/pick-up';
import { capitalise, findIn, nameOf, occupants, roomKeyOf, tellRoom } from '../world/places';

/**
 * How `get` reads its words, as MUD players type them: `get dagger from
 * corpse`, `get all from corpse`, the older `get all corpse` (when the last
 * word is a container here and the whole phrase names nothing lying here),
 * and `get all` for everything portable in the room.
 */
export function getFromWords(ctx: CommandContext): boolean {
  const { args, actor, world } = ctx;
  const from = args.indexOf('from');
  if (from >= 0) {
    getFrom(ctx, args.slice(0, from).join(' '), args.slice(from + 1).join(' '));
    return true;
  }
  const room = roomKeyOf(actor);
  const lying = room ? occupants(world, room).filter((e) => e !== actor) : [];
  if (args.length === 1 && args[0] === 'all') {
    getAllHere(ctx, lying.filter((e) => e.get(Item)?.portable));
    return true;
  }
  const last = args[args.length - 1] as string;
  if (args.length >= 2 && !findIn(lying, args.join(' ')) && findContainer(world, actor, last)) {
    getFrom(ctx, args.slice(0, -1).join(' '), last);
    return true;
  }
  return false;
}

function getAllHere(ctx: CommandContext, things: Entity[]): void {
  const { actor, world, session } = ctx;
  const room = roomKeyOf(actor);
  if (things.length === 0) {
    session.send('There is nothing here to pick up.');
    return;
  }
  for (const thing of things) {
    const name = nameOf(thing);
    if (pickUp(world, actor, thing) && room) tellRoom(world, room, `${nameOf(actor)} picks up ${name}.`, [actor]);
  }
}

/** Takes one thing (or `all`) out of a container the actor can reach. */
export function getFrom(ctx: CommandContext, what: string, where: string): void {
  const { actor, world, session } = ctx;
  if (what === '' || where === '') {
    session.send('Get what from what? Usage: get <item> from <container>');
    return;
  }
  const container = findContainer(world, actor, where);
  if (!container) {
    session.send(`You don't see a container called '${where}' here.`);
    return;
  }
  const things = findInside(world, container, what);
  if (things.length === 0) {
    session.send(what === 'all' ? `${capitalise(nameOf(container))} is empty.` : `There is no '${what}' in ${nameOf(container)}.`);
    return;
  }
  const room = roomKeyOf(actor);
  for (const thing of things) {
    const name = nameOf(thing);
    if (pickUp(world, actor, thing, container) && room) tellRoom(world, room, `${nameOf(actor)} takes ${name} from ${nameOf(container)}.`, [actor]);
  }
}
