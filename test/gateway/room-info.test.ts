/**
 * What a real MUD client's mapper gets (issue 13): a raw GMCP client over
 * telnet, through the gateway and the engine process, walking three rooms.
 * Each Room.Info carries num, name, area, environment, exits by num, coords,
 * and the exits of each room point at the nums the others were sent with.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Opt } from '../../src/engine/server/telnet';
import { removeTempDirs } from '../cli/maid-process';
import { TelnetTestClient } from '../server/kit/telnet-client';
import { packsWith, startServer } from './kit';

afterAll(removeTempDirs);

interface RoomInfo {
  num: number;
  id: string;
  name: string;
  area: string;
  environment?: string;
  coords?: number[];
  exits: Record<string, number>;
}

describe('GMCP Room.Info through the gateway', () => {
  it('a client walking three rooms gets each with num, name, area, environment, coords and exits pointing at the others', async () => {
    const server = await startServer(packsWith());
    try {
      const c = await TelnetTestClient.connect(server.port, { accept: [Opt.GMCP] });
      await c.waitFor('Name:');
      c.sendGmcp('Core.Hello', { client: 'raw-gmcp-test', version: '1' });
      c.sendGmcp('Core.Supports.Set', ['Room 1']);
      await c.login('Mapper', 'silver-moon-42', true);
      const square = (await c.waitForGmcp('Room.Info')).data as RoomInfo;
      let from = c.gmcp.length;
      expect(await c.command('north')).toContain('North Road');
      const road = (await c.waitForGmcp('Room.Info', from)).data as RoomInfo;
      from = c.gmcp.length;
      expect(await c.command('east')).toContain('Prancing Rat');
      const tavern = (await c.waitForGmcp('Room.Info', from)).data as RoomInfo;

      expect(square).toMatchObject({ id: 'starter-world:town-square', name: 'Town Square', area: 'Town', environment: 'outdoors', coords: [0, 0, 0] });
      expect(road).toMatchObject({ id: 'starter-world:north-road', name: 'North Road', area: 'Town', environment: 'outdoors', coords: [0, 1, 0] });
      expect(tavern).toMatchObject({ id: 'starter-world:tavern', name: 'The Prancing Rat', area: 'Town', environment: 'indoors', coords: [1, 1, 0] });
      for (const room of [square, road, tavern]) expect(Number.isInteger(room.num) && room.num > 0).toBe(true);
      expect(new Set([square.num, road.num, tavern.num]).size).toBe(3);
      expect(square.exits.n).toBe(road.num);
      expect(road.exits.s).toBe(square.num);
      expect(road.exits.e).toBe(tavern.num);
      expect(tavern.exits.w).toBe(road.num);
      expect(Object.values(tavern.exits).every((n) => Number.isInteger(n))).toBe(true);
    } finally {
      await server.maid.stop();
    }
  }, 60_000);
});
