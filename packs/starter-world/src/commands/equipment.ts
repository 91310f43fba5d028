import { UsageError, defineCommand, type CommandContext } from '@maid/engine';
import { Equippable, Equipped, type Slot } from '../components/game';
import { equipmentList, equipmentOf, slotWords, unequipped } from '../items/equipment';
import { carriedBy, findIn, nameOf, roomKeyOf, tellRoom } from '../world/places';

/** Puts a carried item to use in its slot, taking off what was there (it stays carried). */
function equip(ctx: CommandContext, verb: 'wield' | 'wear'): void {
  const { actor, args, world, session } = ctx;
  if (args.length === 0) throw new UsageError(`${verb === 'wield' ? 'Wield' : 'Wear'} what? Usage: ${verb} <item>`);
  const query = args.join(' ');
  const item = findIn(unequipped(carriedBy(world, actor)), query);
  if (!item) {
    session.send(`You are not carrying '${query}'.`);
    return;
  }
  const slot = item.get(Equippable)?.slot;
  if (!slot || (verb === 'wield') !== (slot === 'weapon')) {
    session.send(verb === 'wield' ? `You can't wield ${nameOf(item)}.` : `You can't wear ${nameOf(item)}.`);
    return;
  }
  const previous = equipmentOf(world, actor).get(slot);
  if (previous) {
    previous.remove(Equipped);
    session.send(`You stop using ${nameOf(previous)}.`);
  }
  item.set(Equipped, { by: actor.id, slot });
  session.send(`You ${verb} ${nameOf(item)}.`);
  const room = roomKeyOf(actor);
  if (room) tellRoom(world, room, `${nameOf(actor)} ${verb}s ${nameOf(item)}.`, [actor]);
}

export const wield = defineCommand({
  name: 'wield',
  usage: 'wield <weapon>',
  help: 'Hold a weapon you carry, ready to fight with it',
  category: 'equipment',
  handler: (ctx) => equip(ctx, 'wield'),
});

export const wear = defineCommand({
  name: 'wear',
  usage: 'wear <item>',
  help: 'Put on armour you carry',
  category: 'equipment',
  handler: (ctx) => equip(ctx, 'wear'),
});

export const remove = defineCommand({
  name: 'remove',
  aliases: ['unwield'],
  usage: 'remove <item>',
  help: 'Stop wielding or wearing something (it goes back to your inventory)',
  category: 'equipment',
  handler({ actor, args, world, session }) {
    if (args.length === 0) throw new UsageError('Remove what? Usage: remove <item>');
    const query = args.join(' ');
    const item = findIn([...equipmentOf(world, actor).values()], query);
    if (!item) {
      session.send(`You are not using '${query}'.`);
      return;
    }
    item.remove(Equipped);
    session.send(`You stop using ${nameOf(item)}.`);
    const room = roomKeyOf(actor);
    if (room) tellRoom(world, room, `${nameOf(actor)} stops using ${nameOf(item)}.`, [actor]);
  },
});

/** One line per slot in use: "  <wielded>        a short sword". */
export function equipmentLines(entries: Array<[Slot, { name: string }]>): string[] {
  const width = Math.max(...entries.map(([slot]) => slotWords(slot).length)) + 2;
  return entries.map(([slot, item]) => `  ${`<${slotWords(slot)}>`.padEnd(width)} ${item.name}`);
}

export const equipment = defineCommand({
  name: 'equipment',
  aliases: ['eq'],
  help: 'List what you are wielding and wearing',
  category: 'equipment',
  handler({ actor, world, session }) {
    const used = equipmentList(world, actor);
    if (used.length === 0) {
      session.send('You are using nothing.');
      return;
    }
    session.send(['You are using:', ...equipmentLines(used.map(([slot, item]) => [slot, { name: nameOf(item) }]))].join('\n'));
  },
});
