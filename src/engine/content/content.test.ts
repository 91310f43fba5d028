import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineComponent } from '../ecs/component';
import { World } from '../ecs/world';
import { Spawned } from './components';
import type { ContentError } from './errors';
import { ContentLayer } from './layer';
import { resolveComponents } from './lookup';
import { parseArea } from './parse';

const Room = defineComponent({ name: 'Room', version: 1, defaults: () => ({ key: '', name: '', description: '', exits: {} as Record<string, string> }) });
const Location = defineComponent({ name: 'Location', version: 1, immutable: true, defaults: () => ({ room: undefined as string | undefined, holder: undefined as string | undefined }) });
const Health = defineComponent({ name: 'Health', version: 1, defaults: () => ({ current: 100, max: 100 }) });
const Name = defineComponent({ name: 'Name', version: 1, defaults: () => ({ text: '', tags: [] as string[] }) });

function setup() {
  const world = new World();
  for (const c of [Room, Location, Health, Name]) world.registerComponent(c, 'test');
  const packDir = mkdtempSync(join(tmpdir(), 'maid-content-'));
  mkdirSync(join(packDir, 'areas'));
  const layer = new ContentLayer(world);
  const save = (text: string, file = 'cave.yaml') => writeFileSync(join(packDir, 'areas', file), text);
  /** Reads, validates, applies and commits, as a reload does; returns the diff. */
  const load = () => {
    const prepared = layer.prepare('cave', join(packDir, 'areas'), packDir);
    const diff = layer.apply(prepared);
    layer.commit(prepared);
    return diff;
  };
  return { world, layer, save, load, packDir };
}

const CAVE = (opts: { max?: number; count?: number; extraRoom?: boolean } = {}) => `
rooms:
  - key: mouth
    name: Cave Mouth
    description: Daylight behind, dark ahead.
    exits: { ${opts.extraRoom === false ? '' : 'down: hall'} }
${opts.extraRoom === false ? '' : `  - key: hall
    name: Hall
    description: A hall of dripping stone.
    exits: { up: mouth }
`}
prototypes:
  - key: beast
    components:
      Health: { current: ${opts.max ?? 30}, max: ${opts.max ?? 30} }
  - key: bat
    parent: beast
    components:
      Name: { text: a bat, tags: [bat] }
spawns:
  - { key: bats, prototype: bat, room: ${opts.extraRoom === false ? 'mouth' : 'hall'}, count: ${opts.count ?? 2} }
`;

describe('reading an area file', () => {
  it('qualifies keys with the pack and keeps where each entry and exit is written', () => {
    const text = 'rooms:\n  - key: mouth\n    name: M\n    description: D\n    exits: { north: other-pack:field, south: hall }\n';
    const { area, problems } = parseArea('cave', 'areas/cave.yaml', text);
    expect(problems).toEqual([]);
    const room = area?.rooms[0];
    expect(room).toMatchObject({ key: 'cave:mouth', exits: { north: 'other-pack:field', south: 'cave:hall' } });
    expect(room?.at).toMatchObject({ file: 'areas/cave.yaml', line: 2, column: 5, start: text.indexOf('key: mouth') });
    expect(room?.exitAt.south).toMatchObject({ line: 5, column: text.split('\n')[4]!.indexOf('hall') + 1 });
  });

  it('names the field that has the wrong shape', () => {
    const { problems } = parseArea('cave', 'areas/cave.yaml', 'rooms:\n  - key: mouth\n    name: 3\n    description: D\n    smell: damp\n');
    expect(problems).toEqual([
      { message: "room 'cave:mouth' has no field 'smell' (fields: key, name, description, exits, coordinates, environment, components)", file: 'areas/cave.yaml', line: 5, column: 5 },
      { message: 'name of room \'cave:mouth\' must be a string (got number 3)', file: 'areas/cave.yaml', line: 3, column: 11 },
    ]);
  });
});

describe('optional exits', () => {
  const room = (exit: string) => `rooms:\n  - key: mouth\n    name: M\n    description: D\n    exits:\n      south: hall\n      down: ${exit}\n`;

  it('are read from { to, optional }, keep their place, and are marked optional; { to } alone is an ordinary exit', () => {
    const text = room('{ to: other-pack:pit, optional: true }');
    const { area, problems } = parseArea('cave', 'areas/cave.yaml', text);
    expect(problems).toEqual([]);
    expect(area?.rooms[0]).toMatchObject({ exits: { south: 'cave:hall', down: 'other-pack:pit' }, optionalExits: ['down'] });
    expect(area?.rooms[0]?.exitAt.down).toMatchObject({ line: 7, column: text.split('\n')[6]!.indexOf('other-pack') + 1 });
    const plain = parseArea('cave', 'areas/cave.yaml', room('{ to: other-pack:pit }')).area?.rooms[0];
    expect(plain?.exits.down).toBe('other-pack:pit');
    expect(plain?.optionalExits).toBeUndefined();
  });

  it('name a missing to, an unknown field, and an optional that is not true or false at their place', () => {
    expect(parseArea('cave', 'areas/cave.yaml', room('{ optional: true }')).problems).toEqual([{ message: "exit down of room 'cave:mouth' needs a to: the room it leads to", file: 'areas/cave.yaml', line: 7, column: 13 }]);
    expect(parseArea('cave', 'areas/cave.yaml', room('{ to: other-pack:pit, hidden: true }')).problems).toEqual([
      { message: "exit down of room 'cave:mouth' has no field 'hidden' (fields: to, optional)", file: 'areas/cave.yaml', line: 7, column: '      down: { to: other-pack:pit, '.length + 1 },
    ]);
    expect(parseArea('cave', 'areas/cave.yaml', room('{ to: other-pack:pit, optional: 1 }')).problems).toEqual([
      { message: "optional of exit down of room 'cave:mouth' must be true or false (got number 1)", file: 'areas/cave.yaml', line: 7, column: '      down: { to: other-pack:pit, optional: '.length + 1 },
    ]);
  });
});

describe('prototypes', () => {
  it('inherit their parent components field by field', () => {
    const { area } = parseArea('cave', 'areas/cave.yaml', CAVE());
    const protos = new Map(area!.prototypes.map((p) => [p.key, p]));
    expect(resolveComponents('cave:bat', protos)).toEqual({ Health: { current: 30, max: 30 }, Name: { text: 'a bat', tags: ['bat'] } });
  });

  it('with a missing parent, or a component nobody defines, are refused at their place', () => {
    const { save, layer, packDir } = setup();
    save('prototypes:\n  - key: bat\n    parent: beast\n    components:\n      Wings: { span: 2 }\n');
    let error: ContentError | undefined;
    try {
      layer.prepare('cave', join(packDir, 'areas'), packDir);
    } catch (err) {
      error = err as ContentError;
    }
    expect(error?.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      "3:13 parent 'cave:beast' of prototype 'cave:bat' is unknown (no loaded pack has such a prototype)",
      '5:14 component Wings of prototype \'cave:bat\' is not defined by any loaded pack',
    ]);
  });
});

describe('spawned instances follow their prototype', () => {
  it('a value play changed is kept; one nobody touched takes the new value', () => {
    const { world, save, load } = setup();
    save(CAVE());
    expect(load().entities.spawned).toBe(2);
    const [hurt, fresh] = [world.findByKey('cave:bats'), world.findByKey('cave:bats#2')];
    hurt?.set(Health, { current: 12, max: 30 });
    save(CAVE({ max: 40 }));
    const diff = load();
    expect(diff.prototypes.changed).toEqual(['cave:beast', 'cave:bat']);
    expect(hurt?.get(Health)).toEqual({ current: 12, max: 40 });
    expect(fresh?.get(Health)).toEqual({ current: 40, max: 40 });
  });

  it('a lowered count removes the extra instances, except one someone carries', () => {
    const { world, save, load } = setup();
    save(CAVE({ count: 3 }));
    load();
    world.findByKey('cave:bats#3')?.set(Location, { room: undefined, holder: 'someone' });
    save(CAVE({ count: 1 }));
    const diff = load();
    expect(diff.entities.removed).toBe(1);
    expect(world.findByKey('cave:bats#2')).toBeUndefined();
    const carried = world.findByKey('cave:bats#3');
    expect(carried?.get(Location)).toEqual({ room: undefined, holder: 'someone' });
    expect(carried?.has(Spawned)).toBe(false);
  });

  it('a room gone from the files while the game was down is removed at the next start, its occupants moved', () => {
    const { world, save, load, packDir } = setup();
    save(CAVE());
    load();
    const bat = world.findByKey('cave:bats');
    expect(bat?.get(Location)?.room).toBe('cave:hall');
    // A new engine over the same world: nothing committed, the files compared with the live world.
    const again = new ContentLayer(world);
    save(CAVE({ extraRoom: false }));
    const prepared = again.prepare('cave', join(packDir, 'areas'), packDir);
    const diff = again.apply(prepared);
    expect(diff.rooms.removed).toEqual(['cave:hall']);
    expect(world.findByKey('room:cave:hall')).toBeUndefined();
    expect(bat?.get(Location)?.room).toBe('cave:mouth');
  });
});

describe('reading entry by entry', () => {
  // A copy of the shipped town's area file (tests never read packs/ in place).
  const copy = join(mkdtempSync(join(tmpdir(), 'maid-town-')), 'town.yaml');
  cpSync(fileURLToPath(new URL('../../../packs/starter-world/areas/town.yaml', import.meta.url)), copy);
  const town = readFileSync(copy, 'utf8');
  // A file with an anchor is parsed whole: the same file with one in a comment gives the reference reading.
  const whole = (text: string) => parseArea('starter-world', 'areas/town.yaml', `${text}# &whole\n`);

  it('reads the same entries, at the same places, as parsing the file whole', () => {
    const chunked = parseArea('starter-world', 'areas/town.yaml', town);
    const reference = whole(town);
    expect(chunked.problems).toEqual([]);
    expect({ ...chunked.area, digest: '' }).toEqual({ ...reference.area, digest: '' });
  });

  it('reads the wilds (an optional exit written as a block, a comment inside an entry) as parsing the file whole does', () => {
    const wildsCopy = join(mkdtempSync(join(tmpdir(), 'maid-wilds-')), 'wilds.yaml');
    cpSync(fileURLToPath(new URL('../../../packs/starter-world/areas/wilds.yaml', import.meta.url)), wildsCopy);
    const wilds = readFileSync(wildsCopy, 'utf8');
    const chunked = parseArea('starter-world', 'areas/wilds.yaml', wilds);
    expect(chunked.problems).toEqual([]);
    expect(chunked.area?.rooms.find((r) => r.key === 'starter-world:barrow-hill')?.optionalExits).toEqual(['down']);
    expect({ ...chunked.area, digest: '' }).toEqual({ ...parseArea('starter-world', 'areas/wilds.yaml', `${wilds}# &whole\n`).area, digest: '' });
  });

  it('a file whose top level is not plain (an unknown section) is read whole, the problem at its place', () => {
    const text = 'rooms:\n  - key: a\n    name: A\n    description: D\nweather:\n  - rain\n';
    expect(parseArea('cave', 'areas/cave.yaml', text).problems).toEqual([{ message: "unknown section 'weather' (expected one of area, rooms, prototypes, spawns)", file: 'areas/cave.yaml', line: 5, column: 1 }]);
  });

  it('parses again only the entries whose text changed, and places problems exactly', () => {
    const first = parseArea('starter-world', 'areas/town.yaml', town).area;
    const edited = town.replace('name: Tavern Cellar', 'name: 7');
    const second = parseArea('starter-world', 'areas/town.yaml', edited, first);
    expect(second.problems).toEqual(whole(edited).problems);
    expect(second.problems[0]).toMatchObject({ line: edited.split('\n').findIndex((l) => l.includes('name: 7')) + 1, column: 11 });
    const fixed = parseArea('starter-world', 'areas/town.yaml', town.replace('Tavern Cellar', 'Wine Cellar'), first).area;
    expect(fixed?.rooms.find((r) => r.key === 'starter-world:cellar')?.name).toBe('Wine Cellar');
    // Unchanged entries are the very same parsed objects' readings.
    expect(fixed?.rooms.find((r) => r.key === 'starter-world:market')).toEqual(first?.rooms.find((r) => r.key === 'starter-world:market'));
  });
});

describe('what a save touches', () => {
  it('a save of one area file rewrites only what that file defines', () => {
    const { world, save, load } = setup();
    save(CAVE());
    save('rooms:\n  - key: shore\n    name: Shore\n    description: Pebbles.\n    exits: { up: mouth }\n', 'shore.yaml');
    load();
    // Something else changed the cave's room since (say, a system): a save of shore.yaml leaves it alone.
    const hall = world.findByKey('room:cave:hall');
    hall?.set(Room, { ...(hall.get(Room) as { key: string; name: string; description: string; exits: Record<string, string> }), name: 'Changed by play' });
    save('rooms:\n  - key: shore\n    name: Shore\n    description: Wet pebbles.\n    exits: { up: mouth }\n', 'shore.yaml');
    const diff = load();
    expect(diff.rooms).toEqual({ added: [], changed: ['cave:shore'], removed: [] });
    expect(hall?.get(Room)?.name).toBe('Changed by play');
    expect(world.findByKey('room:cave:shore')?.get(Room)?.description).toBe('Wet pebbles.');
  });
});

describe('resets', () => {
  it('an instance that was destroyed comes back after its respawn time, in its room', () => {
    const { world, save, load, layer } = setup();
    save(CAVE({ count: 1 }).replace('count: 1 }', 'count: 1, respawn: 3 }'));
    load();
    const first = world.findByKey('cave:bats');
    world.destroyEntity(first as NonNullable<typeof first>);
    for (let t = 0; t < 25; t++) layer.tick(0.1);
    expect(world.findByKey('cave:bats')).toBeUndefined();
    for (let t = 0; t < 20; t++) layer.tick(0.1);
    const again = world.findByKey('cave:bats');
    expect(again?.get(Location)?.room).toBe('cave:hall');
    expect(again?.get(Health)).toEqual({ current: 30, max: 30 });
  });
});

describe('the format takes write-backs (what builder commands will do)', () => {
  it("an entry rewritten in place, by the range the loader keeps, leaves the rest of the file byte for byte, and reads back", async () => {
    const { stringify } = await import('yaml');
    const dir = mkdtempSync(join(tmpdir(), 'maid-town-'));
    cpSync(fileURLToPath(new URL('../../../packs/starter-world/areas/town.yaml', import.meta.url)), join(dir, 'town.yaml'));
    const text = readFileSync(join(dir, 'town.yaml'), 'utf8');
    const before = parseArea('starter-world', 'areas/town.yaml', text).area;
    const market = before?.rooms.find((r) => r.key === 'starter-world:market');
    if (!market) throw new Error('no market');
    expect(text.slice(market.at.start, market.at.end)).toMatch(/^key: market\n[\s\S]*environment: outdoors\n$/);
    // The new entry, as the yaml package writes it, indented where the old one stood.
    const indent = ' '.repeat(market.at.column - 1);
    const entry = stringify({ key: 'market', name: 'Market', description: 'Stalls in rows, and a baker shouting prices.', exits: { west: 'town-square' } });
    const replacement = entry.split('\n').map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
    const written = text.slice(0, market.at.start) + replacement + text.slice(market.at.end);
    expect(written.startsWith(text.slice(0, market.at.start))).toBe(true);
    expect(written.endsWith(text.slice(market.at.end))).toBe(true);
    const after = parseArea('starter-world', 'areas/town.yaml', written, before);
    expect(after.problems).toEqual([]);
    expect(after.area?.rooms.find((r) => r.key === 'starter-world:market')?.description).toBe('Stalls in rows, and a baker shouting prices.');
    // The other rooms read the same (their places after the market moved with the shorter entry).
    const others = (a: typeof before) => a?.rooms.filter((r) => r.key !== 'starter-world:market').map((r) => ({ key: r.key, name: r.name, description: r.description, exits: r.exits, coordinates: r.coordinates, environment: r.environment }));
    expect(others(after.area)).toEqual(others(before));
  });
});
