import { defineCommand } from '@maid/engine';
import { Describable, Player } from '../components';
import { describeContents } from '../items/containers';
import { capitalise, describeRoom, findHere, nameOf, roomKeyOf } from '../world/places';

export const look = defineCommand({
  name: 'look',
  aliases: ['l'],
  usage: 'look [[in] thing]',
  help: 'Look around, at something or someone, or in a container (look in corpse)',
  category: 'world',
  handler({ actor, args, world, session }) {
    const room = roomKeyOf(actor);
    if (args.length === 0) {
      session.send(room ? describeRoom(world, room, actor) : 'You are floating in a grey void.');
      return;
    }
    const lookIn = args[0]?.toLowerCase() === 'in' && args.length > 1;
    const query = args.slice(lookIn ? 1 : 0).join(' ');
    const target = findHere(world, actor, query);
    if (!target) {
      session.send(`You don't see '${query}' here.`);
      return;
    }
    const text = target.get(Describable)?.description || (target.has(Player) ? `${nameOf(target)} looks back at you.` : '');
    const contents = describeContents(world, target);
    if (lookIn) session.send(contents ?? `You can't look inside ${nameOf(target)}.`);
    else session.send([`${capitalise(nameOf(target))}: ${text || 'You see nothing special.'}`, ...(contents ? [contents] : [])].join('\n'));
  },
});
