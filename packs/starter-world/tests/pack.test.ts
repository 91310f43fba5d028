import { describe, expect, it } from 'vitest';
import { checkPackContract, checkPackLifecycle, createTestEngine, TestPlayer } from '@maid/engine/testing';
import StarterWorldPack from '../src/pack';
import { Location, START_ROOM } from '../src/index';

describe('starter-world pack', () => {
  it('follows the pack protocol', () => {
    checkPackContract(new StarterWorldPack());
  });

  it('loads, ticks and unloads leaving nothing behind', async () => {
    await checkPackLifecycle(() => new StarterWorldPack(), { cycles: 3 });
  });

  it('ships a world whose exits all lead somewhere', async () => {
    // The engine validates areas/town.yaml as it loads: an exit to nowhere would fail the pack.
    const t = await createTestEngine({ packs: [new StarterWorldPack()] });
    expect(t.engine.getPack('starter-world')?.status).toBe('loaded');
    const rooms = t.engine.content.contentOf('starter-world')?.files.flatMap((f) => f.rooms) ?? [];
    expect(rooms.length).toBeGreaterThanOrEqual(6);
    expect(rooms.map((r) => r.key)).toContain(START_ROOM);
    await t.stop();
  });
});

describe('playing in the starter world', () => {
  async function world() {
    const t = await createTestEngine({ packs: [new StarterWorldPack()] });
    const alice = TestPlayer.login(t.engine, 'Alice');
    return { ...t, alice };
  }

  it('shows the start room on login and on look', async () => {
    const { alice, stop } = await world();
    expect(alice.transcript).toContain('Town Square');
    const seen = await alice.do('look');
    expect(seen).toContain('Town Square');
    expect(seen).toMatch(/Exits: north, east, west, south/);
    expect(seen).toContain('A smooth stone is here.');
    await stop();
  });

  it('walks with full names, short names and go, and refuses walls', async () => {
    const { alice, stop } = await world();
    expect(await alice.do('north')).toContain('North Road');
    expect(await alice.do('e')).toContain('The Prancing Rat');
    expect(await alice.do('go down')).toContain('Tavern Cellar');
    expect(await alice.do('west')).toBe("You can't go that way.");
    expect(await alice.do('go sideways')).toMatch(/^Usage: go <direction>/);
    expect(alice.entity.get(Location)?.room).toBe('starter-world:cellar');
    await stop();
  });

  it('picks things up, lists them, and drops them elsewhere', async () => {
    const { alice, stop, engine } = await world();
    expect(await alice.do('get stone')).toBe('You pick up a smooth stone.');
    expect(await alice.do('look')).not.toContain('smooth stone');
    expect(await alice.do('inventory')).toContain('a smooth stone');
    expect(await alice.do('get stone')).toBe("You don't see 'stone' here.");
    await alice.do('north');
    expect(await alice.do('drop pebble')).toBe('You drop a smooth stone.');
    expect(await alice.do('i')).toBe('You are carrying nothing.');
    expect(engine.world.findByKey('starter-world:stone')?.get(Location)?.room).toBe('starter-world:north-road');
    expect(await alice.do('get')).toBe('Get what? Usage: get <item>');
    await stop();
  });

  it('lets players hear each other and see who is online', async () => {
    const { alice, engine, stop } = await world();
    const bob = TestPlayer.login(engine, 'Bob');
    expect(alice.transcript).toContain('Bob appears.');
    expect(await bob.do('say hello there')).toBe('You say, "hello there"');
    expect(alice.transcript).toContain('Bob says, "hello there"');
    await bob.do("'quoted say");
    expect(alice.transcript).toContain('Bob says, "quoted say"');
    expect(await alice.do('who')).toBe('Players online (2):\n  Alice\n  Bob');
    await bob.do('north');
    expect(alice.transcript).toContain('Bob leaves north.');
    expect(await alice.do('say')).toBe('Say what? Usage: say <message>');
    await stop();
  });

  it('tells the room when a player logs in, but not when a restart puts the player back', async () => {
    const { alice, engine, stop } = await world();
    const bob = TestPlayer.login(engine, 'Bob');
    const appearances = () => alice.transcript.split('Bob appears.').length - 1;
    expect(appearances()).toBe(1);
    const roomsSeen = () => bob.transcript.split('Town Square').length - 1;
    expect(roomsSeen()).toBe(1);
    // What the server emits for each playing session after an engine restart.
    engine.world.events.emit('player:login', { actor: bob.entity, name: 'Bob', isNew: false, resumed: true });
    expect(roomsSeen()).toBe(2);
    expect(appearances()).toBe(1);
    await stop();
  });

  it('explains unknown commands and lists commands in help', async () => {
    const { alice, stop } = await world();
    expect(await alice.do('lok')).toBe("Unknown command 'lok'. Did you mean 'look'? Type 'help' for a list of commands.");
    expect(await alice.do('xyzzy')).toBe("Unknown command 'xyzzy'. Type 'help' for a list of commands.");
    const help = await alice.do('help');
    for (const word of ['look', 'north', 'go', 'say', 'who', 'inventory', 'get', 'drop', 'help', 'quit']) expect(help).toContain(word);
    expect(await alice.do('help get')).toBe('get <item|all> [from <container>] - Pick something up, or take it out of a container (get all from corpse)\nAliases: take');
    await stop();
  });

  it('says goodbye and closes the session on quit', async () => {
    const { alice, stop, engine } = await world();
    await alice.do('quit');
    expect(alice.closed).toBe('Goodbye! Your character has been saved.');
    expect(engine.sessions.isOnline(alice.entity.id)).toBe(false);
    await stop();
  });

  it('rebuilds rooms without duplicating them when loaded again', async () => {
    const { engine, stop } = await world();
    const before = engine.world.entityCount;
    await engine.unloadPack('starter-world');
    await engine.loadContentPack(new StarterWorldPack());
    expect(engine.world.entityCount).toBe(before);
    await stop();
  });
});
