/**
 * The shipped world, played over telnet: 25 rooms and more in three areas
 * across two packs (the town and its wilds in starter-world, the barrow in
 * combat), every room walked to through the exits a player sees, every way
 * out with a way back, coordinates that agree with the exits; and a fight
 * in the barrow, with its loot.
 */
import { describe, expect, it } from 'vitest';
import type { RoomDef } from '../../src/engine/host';
import { useServers } from '../server/kit/harness';
import type { TestServer } from '../server/kit/server-fixture';

const servers = useServers();

const BACK: Record<string, string> = { north: 'south', south: 'north', east: 'west', west: 'east', up: 'down', down: 'up' };
const STEP: Record<string, [number, number, number]> = { north: [0, 1, 0], south: [0, -1, 0], east: [1, 0, 0], west: [-1, 0, 0], up: [0, 0, 1], down: [0, 0, -1] };
const START = 'starter-world:town-square';

/** The rooms of both shipped packs as the server loaded them, with the area each file names. */
function worldOf(s: TestServer): { rooms: Map<string, RoomDef>; areaOf: Map<string, string> } {
  const rooms = new Map<string, RoomDef>();
  const areaOf = new Map<string, string>();
  for (const pack of ['starter-world', 'combat']) {
    for (const file of s.engine.content.contentOf(pack)?.files ?? []) {
      for (const room of file.rooms) {
        rooms.set(room.key, room);
        areaOf.set(room.key, `${pack}/${file.name ?? file.file}`);
      }
    }
  }
  return { rooms, areaOf };
}

const exitsLine = (room: RoomDef) => `Exits: ${Object.keys(room.exits).join(', ')}\r\n`;

describe('the starter world', () => {
  it('has 25 rooms and more in 3 areas of two packs, each with coordinates and an environment, linked both ways', async () => {
    const s = await servers.server();
    const { rooms, areaOf } = worldOf(s);
    expect(rooms.size).toBeGreaterThanOrEqual(25);
    expect(new Set(areaOf.values())).toEqual(new Set(['starter-world/Town', 'starter-world/Wilds', 'combat/The Barrow']));
    const taken = new Map<string, string>();
    for (const room of rooms.values()) {
      expect(room.environment, room.key).toBeTruthy();
      expect(room.coordinates, room.key).toBeDefined();
      const place = `${areaOf.get(room.key)} ${room.coordinates?.join(',')}`;
      expect(taken.get(place), `${room.key} and ${taken.get(place)} share ${place}`).toBeUndefined();
      taken.set(place, room.key);
      for (const [dir, to] of Object.entries(room.exits)) {
        const there = rooms.get(to);
        expect(there, `${room.key} ${dir}`).toBeDefined();
        expect(there?.exits[BACK[dir] as keyof RoomDef['exits']], `the way back from ${to} to ${room.key}`).toBe(room.key);
        const step = (STEP[dir] as number[]).map((d, i) => (room.coordinates?.[i] ?? 0) + d);
        expect(there?.coordinates, `${to}, ${dir} of ${room.key}`).toEqual(step);
      }
    }
  });

  it('a player walks to every room through the exits they see, and each shows its name and its exits', { timeout: 60_000 }, async () => {
    const s = await servers.server();
    const { rooms } = worldOf(s);
    const c = await servers.client(s.telnetPort);
    const first = await c.login('Wayfarer', 'boots-and-a-map', true);
    expect(first).toContain(exitsLine(rooms.get(START) as RoomDef));
    const visited = new Set<string>([START]);
    const walk = async (key: string): Promise<void> => {
      const room = rooms.get(key) as RoomDef;
      for (const [dir, to] of Object.entries(room.exits)) {
        if (visited.has(to)) continue;
        visited.add(to);
        const there = rooms.get(to) as RoomDef;
        const seen = await c.command(dir);
        expect(seen, `${dir} from ${key}`).toContain(there.name);
        expect(seen, `${dir} from ${key}`).toContain(exitsLine(there));
        await walk(to);
        expect(await c.command(BACK[dir] as string), `back ${BACK[dir]} from ${to}`).toContain(room.name);
      }
    };
    await walk(START);
    expect([...visited].sort()).toEqual([...rooms.keys()].sort());
  });

  it('a fight in the barrow: a barrow rat killed and its corpse looted, then its twin, whose corpse holds its loot too', { timeout: 60_000 }, async () => {
    const s = await servers.server();
    const c = await servers.client(s.telnetPort);
    await c.login('Delver', 'torch-and-rope', true);
    let seen = '';
    for (const dir of ['north', 'north', 'north', 'north', 'north', 'down', 'north', 'east']) seen = await c.command(dir);
    expect(seen).toContain('Rat Warren');
    expect(seen.match(/A barrow rat is here\./g)).toHaveLength(2);

    const from = c.mark();
    c.line('attack rat');
    await c.waitFor('A dead barrow rat lies on the ground.', from, 30_000);
    const fight = await c.waitFor('You gain 30 experience.', from);
    expect(fight).toContain('You hit a barrow rat for 10 damage.');
    expect(fight).toContain('A barrow rat dies.');
    const corpse = await c.command('look in corpse');
    expect(corpse).toContain('A dead barrow rat holds:');
    expect(corpse).toContain("a rat's tail");
    const loot = await c.command('get all from corpse');
    expect(loot).toContain("You take a rat's tail from a dead barrow rat.");
    expect(await c.command('inventory')).toContain("a rat's tail");
    const after = await c.command('look');
    expect(after.match(/A barrow rat is here\./g)).toHaveLength(1);
    expect(await c.command('score')).toContain('Experience: 30');

    // Its twin (the spawn's second instance) has the loot table too.
    const second = c.mark();
    c.line('attack rat');
    await c.waitFor('A dead barrow rat lies on the ground.', second, 30_000);
    await c.waitFor('You gain 30 experience.', second);
    // The first corpse was emptied: the tail is the new one's, whichever of the two is named first.
    expect((await c.command('look in corpse')) + (await c.command('look in 2.corpse'))).toContain("a rat's tail");
  });

  it("the woodcutter and the fisher sell what the town's market does not", async () => {
    const s = await servers.server();
    const c = await servers.client(s.telnetPort);
    await c.login('Shopper', 'purse-of-coins', true);
    for (const dir of ['north', 'north', 'north', 'east']) await c.command(dir);
    expect(await c.command('look')).toContain('Bram the woodcutter is here.');
    expect(await c.command('list')).toMatch(/a woodcutter's axe +45 coins/);
    for (const dir of ['west', 'south', 'south', 'south', 'south', 'south', 'south', 'east', 'east']) await c.command(dir);
    expect(await c.command('look')).toContain('Old Mags the fisher is here.');
    expect(await c.command('list')).toMatch(/an oilskin coat +25 coins/);
  });
});
