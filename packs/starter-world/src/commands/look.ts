import { defineCommand } from '@maid/engine';
import { Describable, Player } from '../components';
import { capitalise, describeRoom, findHere, nameOf, roomKeyOf } from '../world/places';

export const look = defineCommand({
  name: 'look',
  aliases: ['l'],
  usage: 'look [thing]',
  help: 'Look around, or at something or someone',
  category: 'world',
  handler({ actor, args, world, session }) {
    const room = roomKeyOf(actor);
    if (args.length === 0) {
      session.send(room ? describeRoom(world, room, actor) : 'You are floating in a grey void.');
      return;
    }
    const target = findHere(world, actor, args.join(' '));
    if (!target) {
      session.send(`You don't see '${args.join(' ')}' here.`);
      return;
    }
    const text = target.get(Describable)?.description || (target.has(Player) ? `${nameOf(target)} looks back at you.` : '');
    session.send(`${capitalise(nameOf(target))}: ${text || 'You see nothing special.'}`);
  },
});
