/**
 * In-place edits of area files: block and flow exits, a long description
 * folded, a room added; the rest of the file byte for byte, and the result
 * reads back as the content layer reads it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArea } from '../content/parse';
import { AreaText } from './area-text';

const riverside = readFileSync(fileURLToPath(new URL('../../../docs/examples/world/riverside/areas/riverside.yaml', import.meta.url)), 'utf8');
const town = readFileSync(fileURLToPath(new URL('../../../packs/starter-world/areas/town.yaml', import.meta.url)), 'utf8');

describe('AreaText', () => {
  it('adds and removes exits of a block map, one line each; the only one takes its `exits:` with it', () => {
    const t = new AreaText(riverside);
    t.setExit('jetty', 'east', 'boathouse');
    expect(t.text).toBe(riverside.replace('      up: steps\n', '      up: steps\n      east: boathouse\n'));
    t.removeExit('jetty', 'east');
    expect(t.text).toBe(riverside);
    expect(t.removeExit('jetty', 'up')).toBe(true);
    expect(t.text).toBe(riverside.replace('    exits:\n      up: steps\n', ''));
    expect(t.removeExit('jetty', 'up')).toBe(false);
    t.setExit('jetty', 'up', 'steps');
    expect(t.text).toBe(riverside.replace('    exits:\n      up: steps\n    environment: outdoors\n', '    environment: outdoors\n    exits: { up: steps }\n'));
  });

  it('edits flow exits in place, and removing the last leaves {}', () => {
    const t = new AreaText(town);
    t.setExit('market', 'north', 'riverside:steps');
    expect(t.text).toBe(town.replace('exits: { west: town-square }', 'exits: { west: town-square, north: riverside:steps }'));
    t.removeExit('market', 'west');
    expect(t.text).toBe(town.replace('exits: { west: town-square }', 'exits: { north: riverside:steps }'));
    t.removeExit('market', 'north');
    expect(t.text).toBe(town.replace('exits: { west: town-square }', 'exits: {}'));
  });

  it('folds a long description at 72 columns, keeps a short one on its line, quoting what YAML needs quoted', () => {
    const long = 'Worn stone steps lead down from the town to the water. Someone has chalked a fish on the bottom step, pointing at the jetty.';
    const t = new AreaText(riverside);
    t.setDescription('steps', long);
    t.setDescription('jetty', 'Planks: grey, and #1 for fishing.');
    const read = parseArea('riverside', 'areas/riverside.yaml', t.text);
    expect(read.problems).toEqual([]);
    expect(read.area?.rooms.map((r) => r.description)).toEqual([long, 'Planks: grey, and #1 for fishing.']);
    expect(t.text.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(t.text).toContain('    description: "Planks: grey, and #1 for fishing."\n');
    // Everything after the steps' description is as it was.
    expect(t.text.endsWith(riverside.slice(riverside.indexOf('    exits:\n      up: starter-world')).replace('A few grey planks on posts, reaching out over the river.', '"Planks: grey, and #1 for fishing."'))).toBe(true);
  });

  it('adds a room after the last one, before the next section and its comment', () => {
    const t = new AreaText(riverside);
    t.addRoom({ key: 'boathouse', name: 'Boathouse', description: 'A dark shed.', exits: { west: 'jetty' } });
    const at = riverside.indexOf('\nprototypes:');
    expect(t.text).toBe(`${riverside.slice(0, at)}\n  - key: boathouse\n    name: Boathouse\n    description: A dark shed.\n    exits: { west: jetty }\n${riverside.slice(at)}`);
    expect(parseArea('riverside', 'areas/riverside.yaml', t.text).area?.rooms.map((r) => r.key)).toEqual(['riverside:steps', 'riverside:jetty', 'riverside:boathouse']);
  });

  it('writes a file with CRLF line ends with CRLF', () => {
    const crlf = riverside.replace(/\n/g, '\r\n');
    const t = new AreaText(crlf);
    t.setExit('jetty', 'east', 'boathouse');
    t.addRoom({ key: 'boathouse', name: 'Boathouse', description: 'A dark shed.', exits: { west: 'jetty' } });
    t.setDescription('steps', 'Worn stone steps lead down from the town to the water. Someone has chalked a fish on the bottom step.');
    expect(t.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(parseArea('riverside', 'areas/riverside.yaml', t.text).area?.rooms[0]?.description).toBe('Worn stone steps lead down from the town to the water. Someone has chalked a fish on the bottom step.');
    expect(parseArea('riverside', 'areas/riverside.yaml', t.text).area?.rooms.map((r) => [r.key, r.exits])).toEqual([
      ['riverside:steps', { up: 'starter-world:town-square', down: 'riverside:jetty' }],
      ['riverside:jetty', { up: 'riverside:steps', east: 'riverside:boathouse' }],
      ['riverside:boathouse', { west: 'riverside:jetty' }],
    ]);
  });
});
