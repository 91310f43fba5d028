import type { CommandContext } from '@maid/engine';
import { findContainer, findInside } from '../items/containers';
import { pickUp } from '../items/pick-up';
import { capitalise, nameOf, roomKeyOf, tellRoom } from '../world/places';

/** `get <item> from <container>`, or `get all from <container>`: the words split at "from". */
export function getFrom(ctx: CommandContext, at: number): void {
  const { actor, args, world, session } = ctx;
  const what = args.slice(0, at).join(' ');
  const where = args.slice(at + 1).join(' ');
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
