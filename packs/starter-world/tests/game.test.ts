import { describe, expect, it } from 'vitest';
import { createTestEngine, TestPlayer } from '@maid/engine/testing';
import StarterWorldPack from '../src/pack';
import { Container, Describable, Item, Location, addCoins, coinsOf, createCoinPile, createItem, findPrototype } from '../src/index';

async function town() {
  const t = await createTestEngine({ packs: [new StarterWorldPack()] });
  const alice = TestPlayer.login(t.engine, 'Alice');
  return { ...t, alice };
}

function give(t: Awaited<ReturnType<typeof town>>, player: TestPlayer, key: string) {
  return createItem(t.engine.world, findPrototype(key)!, { holder: player.entity.id });
}

describe('equipment', () => {
  it('wields and wears what fits, swaps a slot, removes, and lists it', async () => {
    const t = await town();
    const { alice } = t;
    give(t, alice, 'short-sword');
    give(t, alice, 'leather-jerkin');
    give(t, alice, 'leather-cap');
    give(t, alice, 'bread');
    expect(await alice.do('eq')).toBe('You are using nothing.');
    expect(await alice.do('wield jerkin')).toBe("You can't wield a leather jerkin.");
    expect(await alice.do('wear sword')).toBe("You can't wear a short sword.");
    expect(await alice.do('wear bread')).toBe("You can't wear a loaf of bread.");
    expect(await alice.do('wield axe')).toBe("You are not carrying 'axe'.");
    expect(await alice.do('wield')).toBe('Wield what? Usage: wield <item>');
    expect(await alice.do('wield sword')).toBe('You wield a short sword.');
    expect(await alice.do('wear jerkin')).toBe('You wear a leather jerkin.');
    expect(await alice.do('wear cap')).toBe('You wear a leather cap.');
    expect(await alice.do('equipment')).toBe(['You are using:', '  <wielded>      a short sword', '  <worn on head> a leather cap', '  <worn on body> a leather jerkin'].join('\n'));
    expect(await alice.do('inventory')).toBe('You are carrying:\n  a loaf of bread');
    expect(await alice.do('remove cap')).toBe('You stop using a leather cap.');
    expect(await alice.do('remove cap')).toBe("You are not using 'cap'.");
    expect(await alice.do('i')).toContain('a leather cap');
    give(t, alice, 'short-sword');
    expect(await alice.do('wield sword')).toBe('You stop using a short sword.\nYou wield a short sword.');
    await t.stop();
  });

  it('drops what is in use, which ends its use', async () => {
    const t = await town();
    const { alice } = t;
    give(t, alice, 'short-sword');
    await alice.do('wield sword');
    expect(await alice.do('drop sword')).toBe('You stop using a short sword.\nYou drop a short sword.');
    expect(await alice.do('eq')).toBe('You are using nothing.');
    expect(await alice.do('get sword')).toBe('You pick up a short sword.');
    await t.stop();
  });
});

describe('containers and coins', () => {
  it('looks in a chest and takes things out of it, coins into the purse', async () => {
    const t = await town();
    const { alice, engine } = t;
    const chest = engine.world.createEntity();
    chest.add(Describable, { name: 'an iron chest', keywords: ['chest'], description: 'Heavy and old.' });
    chest.add(Item, { portable: false });
    chest.add(Container);
    chest.add(Location, { room: 'starter-world:town-square' });
    createCoinPile(engine.world, 7, { holder: chest.id });
    give(t, alice, 'torch').set(Location, { room: undefined, holder: chest.id });
    expect(await alice.do('look in chest')).toBe('An iron chest holds:\n  7 gold coins\n  a torch');
    expect(await alice.do('look in stone')).toBe("You can't look inside a smooth stone.");
    expect(await alice.do('look in box')).toBe("You don't see 'box' here.");
    expect(await alice.do('get coins from chest')).toBe('You take 7 gold coins from an iron chest. (You have 7 coins.)');
    expect(await alice.do('get torch from box')).toBe("You don't see a container called 'box' here.");
    expect(await alice.do('get from chest')).toBe('Get what from what? Usage: get <item> from <container>');
    expect(await alice.do('get all chest')).toBe('You take a torch from an iron chest.');
    expect(await alice.do('get all from chest')).toBe('An iron chest is empty.');
    createCoinPile(engine.world, 1, { room: 'starter-world:town-square' });
    expect(await alice.do('get coin')).toBe('You take a gold coin. (You have 8 coins.)');
    createCoinPile(engine.world, 2, { room: 'starter-world:town-square' });
    expect(await alice.do('get all')).toBe('You pick up a smooth stone.\nYou take 2 gold coins. (You have 10 coins.)');
    expect(await alice.do('get all')).toBe('There is nothing here to pick up.');
    expect(coinsOf(alice.entity)).toBe(10);
    await t.stop();
  });
});

describe('the market shop', () => {
  it('lists its stock, sells to a player who can pay, and buys for half the value', async () => {
    const t = await town();
    const { alice } = t;
    expect(await alice.do('list')).toBe('There is no shop here.');
    expect(await alice.do('east')).toContain('Hilda the trader is here.');
    const list = await alice.do('list');
    expect(list).toMatch(/^Hilda the trader sells:\n {2}a loaf of bread +2 coins\n/);
    expect(list).toMatch(/ {2}a short sword +30 coins\n/);
    expect(list).toMatch(/You have 0 coins\.$/);
    expect(await alice.do('buy sword')).toBe('Hilda the trader says, "A short sword costs 30 coins, and you have 0."');
    addCoins(alice.entity, 40);
    expect(await alice.do('buy dragon')).toBe(`Hilda the trader says, "I don't sell that. Type 'list' to see what I have."`);
    expect(await alice.do('buy short sword')).toBe('You buy a short sword for 30 coins. (You have 10 coins left.)');
    expect(await alice.do('i')).toContain('a short sword');
    expect(await alice.do('get bread')).toBe('You pick up a loaf of bread.');
    expect(await alice.do('sell sword')).toBe('You sell a short sword for 15 coins. (You have 25 coins.)');
    expect(await alice.do('sell sword')).toBe("You are not carrying 'sword' (remove what you use before you sell it).");
    // The town's own bread was never the shop's: it has no value.
    expect(await alice.do('sell bread')).toBe('Hilda the trader says, "I have no use for a loaf of bread."');
    expect(await alice.do('buy bread')).toBe('You buy a loaf of bread for 2 coins. (You have 23 coins left.)');
    expect(await alice.do('sell 2.bread')).toBe('You sell a loaf of bread for 1 coin. (You have 24 coins.)');
    expect(await alice.do('attack hilda')).toBe("Unknown command 'attack'. Type 'help' for a list of commands.");
    await t.stop();
  });

  it('will not buy what has no value', async () => {
    const t = await town();
    const { alice } = t;
    await alice.do('get stone');
    await alice.do('east');
    expect(await alice.do('sell stone')).toBe('Hilda the trader says, "I have no use for a smooth stone."');
    await t.stop();
  });
});

describe('talking beyond the room', () => {
  it('tells one player, emotes to the room, and chats to everyone online', async () => {
    const t = await town();
    const { alice, engine } = t;
    const bob = TestPlayer.login(engine, 'Bob');
    const carol = TestPlayer.login(engine, 'Carol');
    await carol.do('north');
    expect(await alice.do('tell bo meet me at the gate')).toBe('You tell Bob, "meet me at the gate"');
    expect(bob.transcript).toContain('Alice tells you, "meet me at the gate"');
    expect(carol.transcript).not.toContain('meet me');
    expect(await bob.do('reply on my way')).toBe('You tell Alice, "on my way"');
    expect(alice.transcript).toContain('Bob tells you, "on my way"');
    expect(await carol.do('r hello?')).toBe('No one has told you anything yet.');
    expect(await alice.do('tell dave hello')).toBe("No one called 'dave' is online.");
    expect(await alice.do('tell bob')).toBe('Tell whom what? Usage: tell <player> <message>');
    expect(await alice.do('emote waves happily.')).toBe('Alice waves happily.');
    expect(bob.transcript).toContain('Alice waves happily.');
    expect(carol.transcript).not.toContain('Alice waves');
    expect(await alice.do('chat anyone for the cellar?')).toBe('[chat] Alice: anyone for the cellar?');
    expect(bob.transcript).toContain('[chat] Alice: anyone for the cellar?');
    expect(carol.transcript).toContain('[chat] Alice: anyone for the cellar?');
    await carol.do('ooc on my way');
    expect(alice.transcript).toContain('[chat] Carol: on my way');
    expect(await alice.do('emote')).toBe('Emote what? Usage: emote <action>');
    await t.stop();
  });

  it('lists the new commands in help', async () => {
    const t = await town();
    const help = await t.alice.do('help');
    for (const word of ['wield', 'wear', 'remove', 'equipment', 'list', 'buy', 'sell', 'tell', 'reply', 'emote', 'chat']) expect(help).toContain(`    ${word} `);
    expect(await t.alice.do('help eq')).toBe('equipment - List what you are wielding and wearing\nAliases: eq');
    await t.stop();
  });
});
