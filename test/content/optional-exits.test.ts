/**
 * Optional exits over telnet: Barrow Hill's `down: { to: combat:barrow-gate,
 * optional: true }` is absent while combat is not loaded, present when it
 * is, appears when combat loads later and goes when it unloads (or when a
 * save of combat takes the room away); an ordinary
 * exit to a room no pack has stays an error at file:line:column, and so does
 * an optional one into a loaded pack that has no such room.
 */
import { describe, expect, it } from 'vitest';
import { useServers } from '../server/kit/harness';
import { copyPacks } from '../server/kit/server-fixture';
import type { TelnetTestClient } from '../server/kit/telnet-client';
import { liveWorld } from './kit';

const servers = useServers();
const WILDS = 'areas/wilds.yaml';
const TO_THE_HILL = ['north', 'north', 'north', 'north', 'north'];

/** Walks from the square to Barrow Hill; returns what the hill showed. */
async function toBarrowHill(c: TelnetTestClient): Promise<string> {
  let seen = '';
  for (const dir of TO_THE_HILL) seen = await c.command(dir);
  expect(seen).toContain('Barrow Hill');
  return seen;
}

/** 1-based line and column where `text` starts in `source`. */
function placeOf(source: string, text: string): { line: number; column: number } {
  const at = source.indexOf(text);
  if (at < 0) throw new Error(`not found: ${text}`);
  const before = source.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

describe('an optional exit into a pack that may not be loaded', () => {
  it('is absent while the town is loaded alone, appears when combat loads, and goes when it unloads', async () => {
    // Both packs copied, the town alone loaded: combat is there to load later.
    const s = await servers.server({ packsDir: copyPacks(), packs: ['starter-world'] });
    const ada = await servers.client(s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    expect(await toBarrowHill(ada)).toMatch(/Exits: south\r\n/);
    expect(await ada.command('down')).toContain("You can't go that way.");

    const record = await s.engine.loadPackFromPath(`${s.packsDir}/combat`);
    expect(record.status).toBe('loaded');
    expect(await ada.command('look')).toMatch(/Exits: south, down\r\n/);
    const below = await ada.command('down');
    expect(below).toContain('Barrow Gate');
    expect(await ada.command('up')).toContain('Barrow Hill');

    await s.engine.unloadPack('combat');
    expect(await ada.command('look')).toMatch(/Exits: south\r\n/);
    expect(await ada.command('down')).toContain("You can't go that way.");
  });

  it('is there with both packs loaded, and leads down into the barrow and back', async () => {
    const s = await servers.server();
    const ada = await servers.client(s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    expect(await toBarrowHill(ada)).toMatch(/Exits: south, down\r\n/);
    expect(await ada.command('down')).toContain('Barrow Gate');
    expect(await ada.command('up')).toContain('Barrow Hill');
  });

  it('appears when a save of the town gives the hill its way down (combat loaded)', async () => {
    const w = await liveWorld(servers);
    const ada = await servers.client(w.s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    const cut = w.nextReload('starter-world');
    w.edit('starter-world', WILDS, '      down: { to: combat:barrow-gate, optional: true }\n', '');
    expect((await cut).success).toBe(true);
    expect(await toBarrowHill(ada)).toMatch(/Exits: south\r\n/);
    const back = w.nextReload('starter-world');
    w.edit('starter-world', WILDS, '      south: deep-wood\n', '      south: deep-wood\n      down: { to: combat:barrow-gate, optional: true }\n');
    expect((await back).success).toBe(true);
    expect(await ada.command('look')).toMatch(/Exits: south, down\r\n/);
    expect(await ada.command('down')).toContain('Barrow Gate');
  });

  it('goes when a save of combat takes the room away, and comes back when a save gives it back', async () => {
    const w = await liveWorld(servers);
    const ada = await servers.client(w.s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    expect(await toBarrowHill(ada)).toMatch(/Exits: south, down\r\n/);
    const barrow = w.read('combat', 'areas/barrow.yaml');
    const gone = w.nextReload('combat');
    w.write('combat', 'areas/barrow.yaml', barrow.replace('  - key: barrow-gate\n', '  - key: barrow-door\n').replace('south: barrow-gate,', 'south: barrow-door,'));
    const result = await gone;
    expect(result.success).toBe(true);
    expect(result.stateDiff.content?.rooms.changed).toContain('starter-world:barrow-hill');
    expect(await ada.command('look')).toMatch(/Exits: south\r\n/);
    const back = w.nextReload('combat');
    w.write('combat', 'areas/barrow.yaml', barrow);
    expect((await back).success).toBe(true);
    expect(await ada.command('look')).toMatch(/Exits: south, down\r\n/);
    expect(await ada.command('down')).toContain('Barrow Gate');
  });

  it('a typo stays an error at file:line:column: an ordinary exit to an unknown room, an optional one to a room a loaded pack lacks, an optional one into its own pack', async () => {
    const w = await liveWorld(servers);
    const ada = await servers.client(w.s.telnetPort);
    await ada.login('Ada', 'silver-moon-42', true);
    const optional = '      down: { to: combat:barrow-gate, optional: true }\n';
    const broken: { to: string; text: string; message: RegExp }[] = [
      { to: '      down: combat:barrow-gat\n', text: 'combat:barrow-gat\n', message: /exit down of room 'starter-world:barrow-hill' leads to unknown room 'combat:barrow-gat' \(no loaded pack has it\)/ },
      { to: '      down: { to: combat:barrow-gat, optional: true }\n', text: 'combat:barrow-gat,', message: /exit down of room 'starter-world:barrow-hill' leads to unknown room 'combat:barrow-gat' \(pack 'combat' is loaded and has no such room\)/ },
      { to: '      down: { to: old-oak, optional: true }\n', text: 'old-oak, optional', message: /exit down of room 'starter-world:barrow-hill' is optional but leads into its own pack \('starter-world:old-oak'\)/ },
      { to: '      down: { to: combat:barrow-gate, optional: yes }\n', text: 'yes }', message: /optional of exit down of room 'starter-world:barrow-hill' must be true or false/ },
    ];
    const good = w.read('starter-world', WILDS);
    for (const fault of broken) {
      const failed = w.nextReload('starter-world');
      w.write('starter-world', WILDS, good.replace(optional, fault.to));
      const result = await failed;
      expect(result.success, fault.to).toBe(false);
      expect(result.rolledBack).toBe(true);
      const where = placeOf(w.read('starter-world', WILDS), fault.text);
      expect(result.error).toMatchObject({ phase: 'validate', file: WILDS, line: where.line, column: where.column });
      expect(result.error?.message).toMatch(fault.message);
    }
    // The previous content kept serving: the hill's way down is still there.
    expect(await toBarrowHill(ada)).toMatch(/Exits: south, down\r\n/);
  });
});
