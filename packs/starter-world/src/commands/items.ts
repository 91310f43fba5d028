import { UsageError, defineCommand } from '@maid/engine';
import { Location } from '../components';
import { Equipped } from '../components/game';
import { unequipped } from '../items/equipment';
import { pickUp } from '../items/pick-up';
import { carriedBy, findIn, nameOf, occupants, roomKeyOf, tellRoom } from '../world/places';
import { getFromWords } from './get-from';

export const inventory = defineCommand({
  name: 'inventory',
  aliases: ['i', 'inv'],
  help: 'List what you are carrying',
  category: 'items',
  handler({ actor, world, session }) {
    const items = unequipped(carriedBy(world, actor));
    session.send(items.length === 0 ? 'You are carrying nothing.' : ['You are carrying:', ...items.map((e) => `  ${nameOf(e)}`)].join('\n'));
  },
});

export const get = defineCommand({
  name: 'get',
  aliases: ['take'],
  usage: 'get <item|all> [from <container>]',
  help: 'Pick something up, or take it out of a container (get all from corpse)',
  category: 'items',
  handler(ctx) {
    const { actor, args, world, session } = ctx;
    if (args.length === 0) throw new UsageError('Get what? Usage: get <item>');
    if (getFromWords(ctx)) return;
    const room = roomKeyOf(actor);
    const target = room ? findIn(occupants(world, room).filter((e) => e !== actor), args.join(' ')) : undefined;
    if (!target || !room) {
      session.send(`You don't see '${args.join(' ')}' here.`);
      return;
    }
    const name = nameOf(target);
    if (pickUp(world, actor, target)) tellRoom(world, room, `${nameOf(actor)} picks up ${name}.`, [actor]);
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
    if (target.remove(Equipped)) session.send(`You stop using ${nameOf(target)}.`);
    target.set(Location, { room, holder: undefined });
    session.send(`You drop ${nameOf(target)}.`);
    if (room) tellRoom(world, room, `${nameOf(actor)} drops ${nameOf(target)}.`, [actor]);
  },
});
