/**
 * Areas are content the running game takes on a save: players connected
 * over telnet, the watcher on. Descriptions, exits across packs, a room
 * deleted under a player, a prototype's damage.
 */
import { describe, expect, it } from 'vitest';
import { useServers } from '../server/kit/harness';
import { exampleEntry, liveWorld, replaceEntry } from './kit';

const servers = useServers();

describe('area files hot-reloaded onto the live world', () => {
  // How long the save takes to show (issue 12: within the debounce plus 50 ms) is measured by `npm run bench -- content`, not here: a timed test fails on a busy machine.
  it('a description saved while a player stands in the room shows on the next look', async () => {
    const w = await liveWorld(servers);
    const ada = await servers.client(w.s.telnetPort);
    expect(await ada.login('Ada', 'silver-moon-42', true)).toContain('Town Square');

    const reloaded = w.nextReload('starter-world');
    w.edit('starter-world', 'areas/town.yaml', 'around a dry\n      fountain.', 'around a fountain\n      that runs again, clear and cold.');
    const result = await reloaded;
    expect(result).toMatchObject({ success: true, changedFiles: ['areas/town.yaml'], reevaluated: [] });
    expect(result.stateDiff.content?.rooms.changed).toEqual(['starter-world:town-square']);
    const seen = await ada.command('look');
    expect(seen).toContain('a fountain that runs again, clear and cold.');
    // Only what changed was touched: the rest of the town, its items and the creatures are as they were.
    expect(result.stateDiff.content).toMatchObject({ rooms: { added: [], removed: [] }, spawns: { added: [], changed: [], removed: [] }, entities: { spawned: 0, removed: 0 } });
  });

  it("an exit from a new pack's area into starter-world:town-square, added by a save, is walked both ways", async () => {
    const w = await liveWorld(servers);
    await w.addRiverside();
    const ada = await servers.client(w.s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);

    // The town's square gets a way down: its entry as docs/examples/world/town-exit-down.yaml has it.
    const town = w.nextReload('starter-world');
    w.write('starter-world', 'areas/town.yaml', replaceEntry(w.read('starter-world', 'areas/town.yaml'), 'town-square', exampleEntry('town-exit-down.yaml')));
    expect((await town).success).toBe(true);
    expect(await ada.command('look')).toMatch(/Exits: north, east, west, south, down/);
    const down = await ada.command('down');
    expect(down).toContain('River Steps');
    expect(down).toMatch(/Exits: up, down/);

    // The riverside's steps lose their way up, then get it back by a save of the riverside's file.
    const cut = w.nextReload('riverside');
    w.edit('riverside', 'areas/riverside.yaml', '      up: starter-world:town-square\n', '');
    expect((await cut).success).toBe(true);
    expect(await ada.command('up')).toContain("You can't go that way.");
    const back = w.nextReload('riverside');
    w.edit('riverside', 'areas/riverside.yaml', '    exits:\n      down: jetty', '    exits:\n      up: starter-world:town-square\n      down: jetty');
    expect((await back).success).toBe(true);
    expect(await ada.command('up')).toContain('Town Square');
    expect(await ada.command('down')).toContain('River Steps');
  });

  it('a room deleted while a player stands in it: the player is moved, told, and keeps their inventory', async () => {
    const w = await liveWorld(servers);
    const ada = await servers.client(w.s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    expect(await ada.command('get stone')).toContain('You pick up a smooth stone.');
    expect(await ada.command('west')).toContain('Temple of the Dawn');

    const reloaded = w.nextReload('starter-world');
    const text = w.read('starter-world', 'areas/town.yaml');
    const start = text.indexOf('  - key: temple');
    const end = text.indexOf('  - key: south-gate');
    w.write('starter-world', 'areas/town.yaml', (text.slice(0, start) + text.slice(end)).replace(' west: temple,', ''));
    const result = await reloaded;
    expect(result.success).toBe(true);
    expect(result.stateDiff.content?.rooms.removed).toEqual(['starter-world:temple']);
    await ada.waitFor('Temple of the Dawn fades away around you. You find yourself in Town Square.');
    const look = await ada.command('look');
    expect(look).toContain('Town Square');
    expect(look).toMatch(/Exits: north, east, south\b/);
    expect(await ada.command('inventory')).toContain('a smooth stone');
  });

  it("a prototype's damage changed: the spawned NPC hits with it; an item the player carries keeps existing", async () => {
    const w = await liveWorld(servers);
    const ada = await servers.client(w.s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    await ada.command('get stone');
    for (const step of ['north', 'east', 'down']) await ada.command(step);
    let mark = ada.mark();
    ada.line('attack rat');
    await ada.waitFor('A giant rat hits you for 2 damage.', mark);

    // The stone's prototype changes too, while Ada carries one.
    const reloadedTown = w.nextReload('starter-world');
    // combat depends on the town: it is reloaded after it (and its content checked against the town's new rooms).
    const combatAfterTown = w.nextReload('combat', 'dependency');
    w.edit('starter-world', 'areas/town.yaml', 'description: "A pebble from the fountain, polished by water."', 'description: "A pebble from the fountain, still wet."');
    expect((await reloadedTown).success).toBe(true);
    expect((await combatAfterTown).success).toBe(true);

    const reloaded = w.nextReload('combat');
    w.edit('combat', 'areas/creatures.yaml', 'Npc: { damage: 2, respawnSeconds: 20 }', 'Npc: { damage: 7, respawnSeconds: 20 }');
    const result = await reloaded;
    expect(result).toMatchObject({ success: true, reevaluated: [] });
    expect(result.stateDiff.content?.prototypes.changed).toEqual(['combat:cellar-rat']);
    mark = ada.mark();
    await ada.waitFor('A giant rat hits you for 7 damage.', mark);
    // The fight went on across the reload: the rat kept the wounds Ada gave it.
    expect(w.s.engine.world.findByKey('combat:cellar-rat')?.getByName('Health')).toMatchObject({ max: 30 });
    expect((w.s.engine.world.findByKey('combat:cellar-rat')?.getByName('Health') as { current: number }).current).toBeLessThan(30);
    expect(await ada.command('inventory')).toContain('a smooth stone');
    expect(await ada.command('look stone')).toContain('A pebble from the fountain, still wet.');
  });
});
