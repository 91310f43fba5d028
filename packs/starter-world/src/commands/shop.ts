import { UsageError, defineCommand, type CommandContext, type Entity } from '@maid/engine';
import { addCoins, coinCount, coinsOf } from '../items/coins';
import { unequipped } from '../items/equipment';
import { createItem } from '../items/prototypes';
import { findInStock, offerFor, shopkeeperIn, stockOf } from '../shops/prices';
import { capitalise, carriedBy, findIn, nameOf, roomKeyOf, tellRoom } from '../world/places';

/** The shopkeeper here, or undefined after telling the player there is none. */
function keeperHere(ctx: CommandContext): Entity | undefined {
  const keeper = shopkeeperIn(ctx.world, roomKeyOf(ctx.actor));
  if (!keeper) ctx.session.send('There is no shop here.');
  return keeper;
}

export const list = defineCommand({
  name: 'list',
  help: 'See what the shopkeeper here sells, and at what price',
  category: 'shopping',
  handler(ctx) {
    const keeper = keeperHere(ctx);
    if (!keeper) return;
    const stock = stockOf(keeper);
    const width = Math.max(...stock.map((p) => p.name.length), 10);
    const lines = stock.map((p) => `  ${p.name.padEnd(width)}  ${coinCount(p.value ?? 0)}`);
    ctx.session.send([`${capitalise(nameOf(keeper))} sells:`, ...lines, `You have ${coinCount(coinsOf(ctx.actor))}.`].join('\n'));
  },
});

export const buy = defineCommand({
  name: 'buy',
  usage: 'buy <item>',
  help: 'Buy something the shopkeeper here sells',
  category: 'shopping',
  handler(ctx) {
    const { actor, args, world, session } = ctx;
    if (args.length === 0) throw new UsageError('Buy what? Usage: buy <item>');
    const keeper = keeperHere(ctx);
    if (!keeper) return;
    const proto = findInStock(stockOf(keeper), args.join(' '));
    if (!proto) {
      session.send(`${capitalise(nameOf(keeper))} says, "I don't sell that. Type 'list' to see what I have."`);
      return;
    }
    const price = proto.value ?? 0;
    const purse = coinsOf(actor);
    if (purse < price) {
      session.send(`${capitalise(nameOf(keeper))} says, "${capitalise(proto.name)} costs ${coinCount(price)}, and you have ${purse}."`);
      return;
    }
    const left = addCoins(actor, -price);
    createItem(world, proto, { holder: actor.id });
    session.send(`You buy ${proto.name} for ${coinCount(price)}. (You have ${coinCount(left)} left.)`);
    const room = roomKeyOf(actor);
    if (room) tellRoom(world, room, `${nameOf(actor)} buys ${proto.name}.`, [actor]);
  },
});

export const sell = defineCommand({
  name: 'sell',
  usage: 'sell <item>',
  help: 'Sell something you carry to the shopkeeper here, for half its value',
  category: 'shopping',
  handler(ctx) {
    const { actor, args, world, session } = ctx;
    if (args.length === 0) throw new UsageError('Sell what? Usage: sell <item>');
    const keeper = keeperHere(ctx);
    if (!keeper) return;
    const query = args.join(' ');
    const item = findIn(unequipped(carriedBy(world, actor)), query);
    if (!item) {
      session.send(`You are not carrying '${query}' (remove what you use before you sell it).`);
      return;
    }
    const offer = offerFor(item);
    if (offer === 0) {
      session.send(`${capitalise(nameOf(keeper))} says, "I have no use for ${nameOf(item)}."`);
      return;
    }
    const total = addCoins(actor, offer);
    const name = nameOf(item);
    world.destroyEntity(item);
    session.send(`You sell ${name} for ${coinCount(offer)}. (You have ${coinCount(total)}.)`);
    const room = roomKeyOf(actor);
    if (room) tellRoom(world, room, `${nameOf(actor)} sells ${name}.`, [actor]);
  },
});
