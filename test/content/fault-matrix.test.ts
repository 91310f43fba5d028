/**
 * The fault matrix for content: each broken save ends with the previous
 * content serving the players, and a timeline entry naming the file, line
 * and column of what is wrong; saving the fix reloads.
 */
import { describe, expect, it } from 'vitest';
import type { ReloadResult } from '../../src/engine/host';
import { useServers } from '../server/kit/harness';
import { liveWorld, type LiveWorld } from './kit';

const servers = useServers();

/** 1-based line and column where `text` starts in `source` (the n-th time it is there). */
function placeOf(source: string, text: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) at = source.indexOf(text, at + 1);
  if (at < 0) throw new Error(`not found: ${text}`);
  const before = source.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

interface Fault {
  name: string;
  pack: 'starter-world' | 'combat';
  file: string;
  /** Breaks the file; returns where the error must point and words its message must have. */
  breakIt(w: LiveWorld): { line: number; column: number; message: RegExp };
}

const TOWN = 'areas/town.yaml';
const CREATURES = 'areas/creatures.yaml';

const faults: Fault[] = [
  {
    name: 'an exit to an unknown room',
    pack: 'starter-world',
    file: TOWN,
    breakIt(w) {
      w.edit('starter-world', TOWN, 'exits: { west: town-square }', 'exits: { west: town-squar }');
      return { ...placeOf(w.read('starter-world', TOWN), 'town-squar }'), message: /exit west of room 'starter-world:market' leads to unknown room 'starter-world:town-squar'/ };
    },
  },
  {
    name: 'a circular prototype parent',
    pack: 'combat',
    file: CREATURES,
    breakIt(w) {
      w.edit('combat', CREATURES, '  - key: creature\n', '  - key: creature\n    parent: cellar-rat\n');
      const at = placeOf(w.read('combat', CREATURES), 'cellar-rat\n');
      return { ...at, message: /prototype 'combat:creature' inherits from itself: combat:creature -> combat:cellar-rat -> combat:creature/ };
    },
  },
  {
    name: 'a type error in a field',
    pack: 'combat',
    file: CREATURES,
    breakIt(w) {
      w.edit('combat', CREATURES, 'Health: { current: 30, max: 30 }', 'Health: { current: 30, max: lots }');
      return { ...placeOf(w.read('combat', CREATURES), 'lots'), message: /field max of component Health in prototype 'combat:cellar-rat' must be a number \(got string "lots"\)/ };
    },
  },
  {
    name: 'a duplicate key',
    pack: 'starter-world',
    file: TOWN,
    breakIt(w) {
      w.edit('starter-world', TOWN, '  - key: temple\n', '  - key: market\n');
      const at = placeOf(w.read('starter-world', TOWN), 'key: market', 2);
      return { ...at, message: /duplicate room key 'starter-world:market': already defined at areas\/town\.yaml:\d+:5/ };
    },
  },
  {
    name: 'invalid YAML',
    pack: 'starter-world',
    file: TOWN,
    breakIt(w) {
      w.edit('starter-world', TOWN, 'exits: { west: town-square }', 'exits: { west: town-square');
      // The flow mapping never ends: the parser stops where the next key begins.
      const source = w.read('starter-world', TOWN);
      const broken = placeOf(source, 'exits: { west: town-square\n');
      return { line: broken.line + 1, column: 5, message: /^invalid YAML: Flow map/ };
    },
  },
  {
    name: 'an empty file',
    pack: 'combat',
    file: CREATURES,
    breakIt(w) {
      w.write('combat', CREATURES, '');
      return { line: 1, column: 1, message: /the area file is empty/ };
    },
  },
];

describe('a content save that is not valid changes nothing', () => {
  for (const fault of faults) {
    it(`${fault.name}: the previous content keeps serving, the timeline names file:line:column; the fix reloads`, async () => {
      const w = await liveWorld(servers);
      const ada = await servers.client(w.s.telnetPort);
      await ada.login('Ada', 'silver-moon-42', true);
      for (const step of ['north', 'east', 'down']) await ada.command(step);
      const seenBefore = await ada.command('look');
      expect(seenBefore).toContain('A giant rat is here.');
      const original = w.read(fault.pack, fault.file);
      const world = () => [...w.s.engine.world.allEntities()].filter((e) => e.key !== undefined).map((e) => w.s.engine.world.snapshotEntity(e));
      const before = world();

      const failed = w.nextReload(fault.pack);
      const expected = fault.breakIt(w);
      const result: ReloadResult = await failed;
      expect(result).toMatchObject({ packName: fault.pack, success: false, rolledBack: true, trigger: 'file', changedFiles: [fault.file] });
      expect(result.error).toMatchObject({ phase: 'validate', file: fault.file, line: expected.line, column: expected.column });
      expect(result.error?.message).toMatch(expected.message);
      const entry = w.s.engine.hotReload.getTimeline().at(-1);
      expect(entry).toEqual({ type: 'reload', result });
      const where = `${fault.file}:${expected.line}:${expected.column}`;
      expect(w.s.log.lines().some((l) => l.startsWith(`[ERROR] Failed to reload pack '${fault.pack}': `) && l.includes(where))).toBe(true);

      // The previous content serves: the same rooms, creatures and items, to the player and in the world.
      expect(w.s.engine.getPack(fault.pack)?.status).toBe('loaded');
      expect(await ada.command('look')).toBe(seenBefore);
      expect(await ada.command('up')).toContain('The Prancing Rat');
      expect(await ada.command('down')).toContain('A giant rat is here.');
      expect(world()).toEqual(before);

      const fixed = w.nextReload(fault.pack);
      w.write(fault.pack, fault.file, original.replace('Something scratches', 'Something still scratches'));
      const ok = await fixed;
      expect(ok).toMatchObject({ success: true, rolledBack: false });
      if (fault.pack === 'starter-world') expect(await ada.command('look')).toContain('Something still scratches');
    });
  }
});
