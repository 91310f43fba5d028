// The Map panel through the studio host (engine in its own process), on a
// copy of the shipped packs: the map of the starter world, a player's marker
// pushed as a `map` event when they walk (only while a map is open, and
// again after an engine restart), what stands in a room clicked, an exit
// written to the area file and on the map after the reload, and bad input
// refused with the reason through the validating dispatch.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelnetTestClient } from '../../../test/server/kit/telnet-client';
import type { StudioEvent } from '../../shared/api';
import type { MarkerDelta } from '../../shared/model';
import { dispatch } from '../api/dispatch';
import type { StudioService } from '../api/studio-service';
import type { StudioHost } from './studio-host';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

const TOWN = 'areas/town.yaml';

let work: string;
let host: StudioHost;
let api: StudioService;
let kit: HostUnderTest;

function nextMove(name: string, room: string, ms = 10_000): Promise<MarkerDelta> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no map event moving ${name} to ${room} within ${ms / 1000} s`));
    }, ms);
    const off = host.events.subscribe((event: StudioEvent) => {
      if (event.type === 'map' && event.delta.moved.some((m) => m.name === name && m.room === room)) {
        clearTimeout(timer);
        off();
        resolve(event.delta);
      }
    });
  });
}

beforeAll(async () => {
  ({ work, host, api } = kit = await startHostOnCopy({ name: 'studio-map' }));
}, 60_000);

afterAll(() => kit?.stop());

describe('the Map panel through the studio host', () => {
  it('shows the starter world, moves a walking player, lists a room, and keeps following across an engine restart', async () => {
    const ada = await TelnetTestClient.connect(kit.telnetPort());
    try {
      await ada.login('Ada', 'silver-moon-42', true);
      const map = await api.watchMap({ viewer: 'map-test', open: true });
      expect(map?.rooms.find((r) => r.key === 'starter-world:town-square')).toMatchObject({ name: 'Town Square', area: 'Town', pack: 'starter-world', file: TOWN, coordinates: [0, 0, 0] });
      expect(map?.markers).toContainEqual(expect.objectContaining({ name: 'Ada', kind: 'player', room: 'starter-world:town-square' }));

      const moved = nextMove('Ada', 'starter-world:north-road');
      await ada.command('north');
      expect((await moved).gone).toEqual([]);

      const here = await api.listEntities({ room: 'starter-world:north-road' });
      expect(here.items.map((i) => i.name)).toContain('Ada');

      const back = ada.mark();
      await api.restartEngine();
      await ada.waitFor(/The game is back\.[\s\S]*> $/, back, 10_000);
      const again = nextMove('Ada', 'starter-world:town-square');
      await ada.command('south', 10_000);
      await again;

      await api.watchMap({ viewer: 'map-test', open: false });
      let pushed = 0;
      const off = host.events.subscribe((event) => void (event.type === 'map' && pushed++));
      await ada.command('north');
      // The move is in the world (the inspector sees it) and no map event came for it.
      await expect.poll(async () => (await api.listEntities({ room: 'starter-world:north-road' })).items.map((i) => i.name)).toContain('Ada');
      off();
      expect(pushed).toBe(0);
    } finally {
      ada.close();
    }
  }, 60_000);

  it('writes an exit drawn on the map into the area file; the reload puts it on the map', async () => {
    const file = join(work, 'packs', 'starter-world', TOWN);
    const result = await api.editMap({ op: 'exit', from: 'starter-world:market', direction: 'north', to: 'starter-world:tavern' });
    expect(result).toMatchObject({ pack: 'starter-world', file: TOWN });
    expect(await readFile(file, 'utf8')).toContain('exits: { west: town-square, north: tavern }');
    await expect.poll(async () => (await api.getMap()).rooms.find((r) => r.key === 'starter-world:market')?.exits.north, { timeout: 10_000 }).toBe('starter-world:tavern');
  }, 30_000);

  it('refuses an edit of an area file with unsaved edits in the editor, with the reason; writes once it is saved', async () => {
    const file = join(work, 'packs', 'starter-world', TOWN);
    const before = await readFile(file, 'utf8');
    await api.setUnsavedFiles('starter-world', [TOWN]);
    const answer = await dispatch(api, 'editMap', [{ op: 'room', from: 'starter-world:temple', direction: 'west', name: 'Cloister' }]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: 'starter-world/areas/town.yaml has unsaved changes in the studio: save or revert them there first, so neither is lost.' } });
    expect(await readFile(file, 'utf8')).toBe(before);
    await api.setUnsavedFiles('starter-world', []);
    await expect.poll(async () => (await dispatch(api, 'editMap', [{ op: 'room', from: 'starter-world:temple', direction: 'west', name: 'Cloister' }])).ok, { timeout: 10_000 }).toBe(true);
    expect(await readFile(file, 'utf8')).toContain('- key: cloister');
  }, 30_000);

  it.each([
    ['editMap', [{ op: 'exit', from: 'starter-world:market', direction: 'northwest', to: 'starter-world:tavern' }], 'invalid-argument', /"direction" must be one of north, south, east, west, up, down/],
    ['editMap', [{ op: 'exit', from: 'Town Square', direction: 'north', to: 'starter-world:tavern' }], 'invalid-argument', /"from" must be a room's key/],
    ['editMap', [{ op: 'room', from: 'starter-world:market', direction: 'north', name: '' }], 'invalid-argument', /"name" must be the new room's name/],
    ['editMap', [{ op: 'room', from: 'starter-world:town-square', direction: 'north', name: 'Well' }], 'invalid-argument', /Town Square already has an exit north/],
    ['editMap', [{ op: 'fly' }], 'invalid-argument', /"op" must be one of exit, room/],
    ['watchMap', [{ viewer: 'x y', open: true }], 'invalid-argument', /"viewer" must be the window's id/],
    ['watchMap', [{ viewer: 'w1', open: 'yes' }], 'invalid-argument', /"open" must be true or false/],
    ['getMap', [1], 'invalid-argument', /getMap takes 0 arguments/],
  ])('refuses %s %j with the reason', async (method, args, code, why) => {
    const before = await readFile(join(work, 'packs', 'starter-world', TOWN), 'utf8');
    const answer = await dispatch(api, method, args);
    expect(answer).toMatchObject({ ok: false, error: { code } });
    expect((answer as { error: { message: string } }).error.message).toMatch(why);
    expect(await readFile(join(work, 'packs', 'starter-world', TOWN), 'utf8')).toBe(before);
  });
});
