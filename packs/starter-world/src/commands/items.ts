import { UsageError, defineCommand } from '@maid/engine';
import { Item, Location } from '../components';
import { carriedBy, findIn, nameOf, occupants, roomKeyOf, tellRoom } from '../world/places';

export const inventory = defineCommand({
  name: 'inventory',
  aliases: ['i', 'inv'],
  help: 'List what you are carrying',
  category: 'items',
  handler({ actor, world, session }) {
    const items = carriedBy(world, actor);
    session.send(items.length === 0 ? 'You are carrying nothing.' : ['You are carrying:', ...items.map((e) => `  ${nameOf(e)}`)].join('\n'));
  },
});

export const get = defineCommand({
  name: 'get',
  aliases: ['take'],
  usage: 'get <item>',
  help: 'Pick something up',
  category: 'items',
  handler({ actor, args, world, session }) {
    if (args.length === 0) throw new UsageError('Get what? Usage: get <item>');
    const room = roomKeyOf(actor);
    const target = room ? findIn(occupants(world, room).filter((e) => e !== actor), args.join(' ')) : undefined;
    if (!target || !room) {
      session.send(`You don't see '${args.join(' ')}' here.`);
      return;
    }
    if (!target.get(Item)?.portable) {
      session.send(`You can't pick up ${nameOf(target)}.`);
      return;
    }
    target.set(Location, { room: undefined, holder: actor.id });
    session.send(`You pick up ${nameOf(target)}.`);
    tellRoom(world, room, `${nameOf(actor)} picks up ${nameOf(target)}.`, [actor]);
  },
});

export const drop = defineCommand({
  name: 'drop',
  usage: 'drop <item>',
  help: 'Put down something you carry',
  category: 'items',
  handler({ actor, args, world, session }) {
    if (args.length === 0) throw new UsageError('Drop what? Usage: drop <item>');
    const target = findIn(carriedBy(world, actor), args.join(' '));
    const room = roomKeyOf(actor);
    if (!target) {
      session.send(`You are not carrying '${args.join(' ')}'.`);
      return;
    }
    target.set(Location, { room, holder: undefined });
    session.send(`You drop ${nameOf(target)}.`);
    if (room) tellRoom(world, room, `${nameOf(actor)} drops ${nameOf(target)}.`, [actor]);
  },
});
