/**
 * The engine's side of the studio's Map panel (issue 13 item 2), on a real
 * server over copies of the shipped packs: the map of every loaded area,
 * the markers that follow players and NPCs only while a map is open, and
 * the map's edits written into the area file as the builder commands write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMapEdit, MarkerWatch, worldMap, type MapEdit } from '../../src/engine/host';
import { exampleEntry, liveWorld, replaceEntry } from '../content/kit';
import { useServers } from '../server/kit/harness';

const servers = useServers();
const TOWN = 'areas/town.yaml';

function lineOf(text: string, key: string): number {
  return text.split('\n').findIndex((l) => l.trim() === `- key: ${key}`) + 1;
}

describe('the map of the loaded world', () => {
  it('lists every room of the areas with its area, exits, coordinates, environment, file and line, and who stands where', async () => {
    const s = await servers.server();
    const ada = await servers.client(s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    const map = worldMap(s.engine);
    const town = readFileSync(join(s.packsDir, 'starter-world', TOWN), 'utf8');
    const square = map.rooms.find((r) => r.key === 'starter-world:town-square');
    expect(square).toEqual({
      key: 'starter-world:town-square',
      name: 'Town Square',
      area: 'Town',
      exits: { north: 'starter-world:north-road', east: 'starter-world:market', west: 'starter-world:temple', south: 'starter-world:south-gate' },
      coordinates: [0, 0, 0],
      environment: 'outdoors',
      pack: 'starter-world',
      file: TOWN,
      line: lineOf(town, 'town-square'),
    });
    expect(map.rooms.find((r) => r.key === 'starter-world:cellar')).toMatchObject({ coordinates: [1, 1, -1], line: lineOf(town, 'cellar') });
    const keys = new Set(map.rooms.map((r) => r.key));
    for (const room of map.rooms) for (const to of Object.values(room.exits)) expect(keys.has(to)).toBe(true);
    expect(map.markers).toContainEqual({ entity: expect.any(String), name: 'Ada', kind: 'player', room: 'starter-world:town-square' });
    expect(map.markers.some((m) => m.kind === 'npc' && m.room === 'starter-world:cellar')).toBe(true);
  });
});

describe('exits off the map', () => {
  it("an exit into a room of a pack that is no longer loaded stays on the map's room, leading to a key the map has no room for", async () => {
    const w = await liveWorld(servers);
    await w.addRiverside();
    const town = w.nextReload('starter-world');
    w.write('starter-world', TOWN, replaceEntry(w.read('starter-world', TOWN), 'town-square', exampleEntry('town-exit-down.yaml')));
    expect((await town).success).toBe(true);
    expect(worldMap(w.s.engine).rooms.some((r) => r.key === 'riverside:steps')).toBe(true);
    await w.s.engine.unloadPack('riverside');
    const map = worldMap(w.s.engine);
    expect(map.rooms.find((r) => r.key === 'starter-world:town-square')?.exits.down).toBe('riverside:steps');
    expect(map.rooms.some((r) => r.pack === 'riverside')).toBe(false);
  });
});

describe('markers while a map is open', () => {
  it('nothing while closed; then only who moved, once, and who is gone', async () => {
    const s = await servers.server();
    const watch = new MarkerWatch(s.engine);
    const ada = await servers.client(s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    expect(watch.delta(1)).toBeUndefined();
    watch.setOpen(true);
    expect(watch.delta(2)).toBeUndefined();
    expect(await ada.command('north')).toContain('North Road');
    const moved = watch.delta(3);
    expect(moved?.moved).toEqual([{ entity: expect.any(String), name: 'Ada', kind: 'player', room: 'starter-world:north-road' }]);
    expect(moved?.gone).toEqual([]);
    expect(watch.delta(4)).toBeUndefined();
    const rat = worldMap(s.engine).markers.find((m) => m.kind === 'npc') as { entity: string };
    s.engine.world.destroyEntity(s.engine.world.getEntity(rat.entity)!);
    expect(watch.delta(5)).toEqual({ tick: 5, moved: [], gone: [rat.entity] });
    watch.setOpen(false);
    await ada.command('south');
    expect(watch.delta(6)).toBeUndefined();
  });
});

describe('edits from the map', () => {
  it('an exit drawn and a room added are written to the area file (keeping the rest), and the reload puts them on the map', async () => {
    const s = await servers.server();
    await s.engine.hotReload.enableWatching(0.05);
    const path = join(s.packsDir, 'starter-world', TOWN);
    const before = readFileSync(path, 'utf8');
    const reloaded = () => new Promise<void>((resolve) => {
      const sub = s.engine.hotReload.onReload.on((r) => {
        if (r.packName !== 'starter-world') return;
        sub.dispose();
        resolve();
      });
    });
    let next = reloaded();
    const exit = applyMapEdit(s.engine, s.server.building.writer, { op: 'exit', from: 'starter-world:market', direction: 'north', to: 'starter-world:tavern' });
    expect(exit).toEqual({ summary: 'Exit north from Market to The Prancing Rat written to starter-world/areas/town.yaml', pack: 'starter-world', file: TOWN });
    await next;
    await expect.poll(() => s.engine.hotReload.isReloading('starter-world')).toBe(false);
    const after = readFileSync(path, 'utf8');
    expect(after).toContain('exits: { west: town-square, north: tavern }');
    expect(after.replace(', north: tavern', '')).toBe(before);
    expect(worldMap(s.engine).rooms.find((r) => r.key === 'starter-world:market')?.exits.north).toBe('starter-world:tavern');

    next = reloaded();
    const room = applyMapEdit(s.engine, s.server.building.writer, { op: 'room', from: 'starter-world:market', direction: 'east', name: 'Spice Stall' });
    expect(room).toMatchObject({ pack: 'starter-world', file: TOWN, room: 'starter-world:spice-stall' });
    await next;
    const made = worldMap(s.engine).rooms.find((r) => r.key === 'starter-world:spice-stall');
    expect(made).toMatchObject({ name: 'Spice Stall', area: 'Town', exits: { west: 'starter-world:market' }, coordinates: [2, 0, 0], environment: 'outdoors', file: TOWN });
    expect(worldMap(s.engine).rooms.find((r) => r.key === 'starter-world:market')?.exits.east).toBe('starter-world:spice-stall');
  });

  it.each([
    [{ op: 'exit', from: 'starter-world:town-square', direction: 'north', to: 'starter-world:market' }, /Town Square already has an exit north \(to starter-world:north-road\); nothing was written/],
    [{ op: 'exit', from: 'starter-world:market', direction: 'sideways', to: 'starter-world:tavern' }, /'sideways' is not a direction/],
    [{ op: 'exit', from: 'starter-world:market', direction: 'north', to: 'starter-world:nowhere' }, /The room the exit leads to 'starter-world:nowhere' is not a room of a loaded area file/],
    [{ op: 'exit', from: 'starter-world:market', direction: 'north', to: 'starter-world:market' }, /to itself/],
    [{ op: 'room', from: 'combat:arena', direction: 'north', name: 'Pit' }, /'combat:arena' is not a room of a loaded area file/],
    [{ op: 'room', from: 'starter-world:market', direction: 'north', name: '<b>' }, /name/],
  ] as [MapEdit, RegExp][])('refuse %j with the reason, the file untouched', async (edit, why) => {
    const s = await servers.server();
    const path = join(s.packsDir, 'starter-world', TOWN);
    const before = readFileSync(path, 'utf8');
    expect(() => applyMapEdit(s.engine, s.server.building.writer, edit)).toThrow(why);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('refuse to write a file the studio has unsaved edits to', async () => {
    const s = await servers.server();
    const path = join(s.packsDir, 'starter-world', TOWN);
    const before = readFileSync(path, 'utf8');
    s.server.building.unsaved.set('starter-world', [TOWN]);
    expect(() => applyMapEdit(s.engine, s.server.building.writer, { op: 'exit', from: 'starter-world:market', direction: 'north', to: 'starter-world:tavern' })).toThrow(/starter-world\/areas\/town.yaml has unsaved changes in the studio/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
