/**
 * Building from inside the game, over telnet: the first account is a
 * builder; @dig, @open, @close and @desc write the riverbank's area file
 * (comments and layout kept) and the reload applies them; bad input is
 * answered and writes nothing; a player who is not a builder is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useServers } from '../server/kit/harness';
import { AREA, buildWorld, built, examplesDir, packsWithRiverbank } from './kit';

const servers = useServers();

describe('building commands', () => {
  it('@dig north Jetty from the riverbank: the room, exits both ways, and the area-file entries with its comments kept', async () => {
    const w = await buildWorld(servers, { watch: true });
    const before = w.area();
    const c = await servers.client(w.s.telnetPort);
    const welcome = await c.login('Ada', 'silver-moon-42', true);
    expect(welcome).toContain('Yours is the first account on this server, so it is a builder');
    expect(await c.command('@goto riverbank:riverbank')).toContain('Reeds and mud along a slow brown river.');
    expect(await c.command('@where')).toContain('Riverbank [riverbank:riverbank] at riverbank/areas/riverbank.yaml:7');

    const dug = await built(c, '@dig north Jetty', /Jetty is dug/);
    expect(dug).toContain('You dig north: Jetty (riverbank:jetty), written to riverbank/areas/riverbank.yaml.');
    expect(dug).toContain('Jetty is dug: it lies north of Riverbank, and south leads back.');
    // The file as the guide shows it: the riverbank's entry gains `north: jetty`, the jetty follows; every comment stays.
    expect(w.area()).toBe(readFileSync(join(examplesDir, 'riverbank-dug.yaml'), 'utf8'));
    for (const line of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(w.area()).toContain(`${line}\n`);
    expect(w.area()).toContain('} # the way back to town\n');
    expect(w.s.engine.hotReload.getReloadHistory().at(-1)).toMatchObject({ packName: 'riverbank', trigger: 'file', success: true });

    const north = await c.command('north');
    expect(north).toContain('Jetty');
    expect(north).toContain('A new room, not yet described.');
    expect(north).toMatch(/Exits: south/);
    expect(await c.command('south')).toContain('Riverbank');
  });

  it('@desc, @open and @close write the file, and the next look shows them', async () => {
    const w = await buildWorld(servers, { watch: true });
    const c = await w.player('Ada');
    await c.command('@goto riverbank:riverbank');
    await built(c, '@desc Tall reeds hiss in the wind. A heron watches the water.', /is rewritten/);
    expect(await c.command('look')).toContain('Tall reeds hiss in the wind. A heron watches the water.');
    expect(w.area()).toContain('    description: Tall reeds hiss in the wind. A heron watches the water.\n');

    await built(c, '@open east starter-world:market', /is open/);
    expect(w.area()).toContain('exits: { up: starter-world:town-square, east: starter-world:market } # the way back to town');
    expect(await c.command('east')).toContain('Market');
    await c.command('@goto riverbank:riverbank');
    await built(c, '@close east', /is closed/);
    expect(w.area()).toContain('exits: { up: starter-world:town-square } # the way back to town');
    expect(await c.command('east')).toContain("You can't go that way.");
  });

  it('bad input answers clearly and writes nothing: a direction that is none, an exit already there, an unknown room, odd characters', async () => {
    const w = await buildWorld(servers, { watch: true });
    const c = await w.player('Ada');
    await c.command('@goto riverbank:riverbank');
    const before = w.area();
    const reloads = w.s.engine.hotReload.getReloadHistory().length;
    expect(await c.command('@dig sideways Hut')).toContain("'sideways' is not a direction: one of north, south, east, west, up, down");
    expect(await c.command('@dig up Loft')).toContain('Riverbank already has an exit up (to starter-world:town-square): @close up first.');
    expect(await c.command('@dig north')).toContain('The new room needs a name');
    expect(await c.command('@dig north Hut<b>')).toContain(`A room's name is letters, digits, spaces and ' , . - only: "<" is not allowed.`);
    expect(await c.command('@open east nowhere')).toContain("No loaded pack has a room 'riverbank:nowhere'.");
    expect(await c.command('@open east Not/A/Key')).toContain("'Not/A/Key' is not a room key");
    expect(await c.command('@close west')).toContain('Riverbank has no exit west.');
    expect(await c.command('@goto nowhere')).toContain("No loaded pack has a room 'riverbank:nowhere'.");
    expect(await c.command('@desc')).toContain('Usage: @desc <text>');
    expect(w.area()).toBe(before);
    expect(w.s.engine.hotReload.getReloadHistory()).toHaveLength(reloads);
  });

  it('a player who is not a builder is refused, with how to get the role, and nothing is written', async () => {
    const w = await buildWorld(servers, { watch: true });
    await w.player('Ada');
    const bob = await w.player('Bob');
    const before = w.area();
    for (const line of ['@dig north Jetty', '@desc Mud.', '@goto riverbank:riverbank', '@where', '@create starter-world:torch']) {
      expect(await bob.command(line)).toContain(`Only builders can use ${line.split(' ')[0]}. The server's admin gives the role with: maid account grant <account> builder`);
    }
    expect(w.area()).toBe(before);
    // Granted while Bob plays: his next command may build.
    await w.s.server.setAccountRoles('Bob', ['builder']);
    expect(await bob.command('@goto riverbank:riverbank')).toContain('Riverbank');
  });

  it('a file the studio has unsaved changes to is refused, with the reason', async () => {
    const w = await buildWorld(servers, { watch: true });
    const c = await w.player('Ada');
    await c.command('@goto riverbank:riverbank');
    const before = w.area();
    w.s.server.building.unsaved.set('riverbank', [AREA]);
    expect(await c.command('@dig north Jetty')).toContain('riverbank/areas/riverbank.yaml has unsaved changes in the studio: save or revert them there first, so neither is lost.');
    expect(w.area()).toBe(before);
    w.s.server.building.unsaved.set('riverbank', []);
    await built(c, '@dig north Jetty', /Jetty is dug/);
  });

  it('a file changed on disk since the world was built from it (its reload pending or failed) is refused, and not overwritten', async () => {
    const w = await buildWorld(servers);
    const c = await w.player('Ada');
    await c.command('@goto riverbank:riverbank');
    // No watcher here: the author's save has not been reloaded yet.
    const edited = `${w.area()}# a note of the author's\n`;
    writeFileSync(join(w.s.packsDir, 'riverbank', AREA), edited);
    expect(await c.command('@desc Mud.')).toContain('riverbank/areas/riverbank.yaml changed on disk since the world was built from it (a reload is pending or failed): try again once it loads.');
    expect(w.area()).toBe(edited);
    expect((await w.s.engine.hotReload.reloadPack('riverbank')).success).toBe(true);
    await built(c, '@desc Mud.', /is rewritten/);
    expect(w.area()).toContain("# a note of the author's\n");
  });

  it('after a server restart the dug room is there (no watcher: the command asks for the reload itself)', async () => {
    const packsDir = packsWithRiverbank();
    const first = await buildWorld(servers, { packsDir });
    const c = await first.player('Ada');
    await c.command('@goto riverbank:riverbank');
    await built(c, '@dig north Jetty', /Jetty is dug/);
    expect(first.s.engine.hotReload.getReloadHistory().at(-1)).toMatchObject({ packName: 'riverbank', trigger: 'api', success: true });
    c.close();
    await first.s.stop();

    const again = await buildWorld(servers, { packsDir, dataDir: first.s.dataDir });
    const ada = await servers.client(again.s.telnetPort);
    expect(await ada.login('Ada', 'silver-moon-42', false)).toContain('Riverbank');
    expect(await ada.command('north')).toContain('Jetty');
    expect(await ada.command('@where')).toContain('Jetty [riverbank:jetty] at riverbank/areas/riverbank.yaml:13');
  });

  it('@create, @spawn and @set change the live world only', async () => {
    const w = await buildWorld(servers, { watch: true });
    const c = await w.player('Ada');
    await c.command('@goto riverbank:riverbank');
    const before = w.area();
    expect(await c.command('@create starter-world:torch')).toContain('You create a torch (from starter-world:torch), in your hands.');
    expect(await c.command('inventory')).toContain('a torch');
    expect(await c.command('@spawn combat:cellar-rat')).toContain('You spawn a giant rat (from combat:cellar-rat) here.');
    expect(await c.command('look')).toContain('A giant rat is here.');
    expect(await c.command('@set rat Health.max 40')).toContain('Health.max of a giant rat is now 40. No file is written.');
    expect(await c.command('@set rat Health.max lots')).toContain('Health.max holds a number, not a string ("lots").');
    expect(await c.command('@set rat Health.colour 3')).toContain("Health has no field 'colour'");
    expect(await c.command('@create starter-world:nothing')).toContain("No loaded pack has a prototype 'starter-world:nothing'.");
    expect(w.area()).toBe(before);
  });
});
