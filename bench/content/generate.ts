/**
 * Area files for the content bench, written as an author would: YAML text,
 * one pack (`bench-world`) that depends on the town and combat, its rooms
 * chained by exits, prototypes in short inheritance chains (some with a
 * parent from combat), spawns of them in its rooms.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorldSize {
  files: number;
  roomsPerFile: number;
  prototypesPerFile: number;
  spawnsPerFile: number;
}

/** 5,000 rooms, 2,000 prototypes and 10,000 spawns in 25 files. */
export const BIG: WorldSize = { files: 25, roomsPerFile: 200, prototypesPerFile: 80, spawnsPerFile: 400 };

const PACK_TS = (name: string) => `import type { ContentPack } from '@maid/engine';

export default class BenchPack implements ContentPack {
  manifest = { name: '${name}', version: '1.0.0', dependencies: ['starter-world', 'combat'] };
}
`;

/** Writes a pack folder holding only content; returns its folder. */
export function writeContentPack(packsDir: string, name: string, files: Record<string, string>): string {
  const dir = join(packsDir, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'areas'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@packs/${name}`, version: '1.0.0', private: true, type: 'module', main: 'src/pack.ts' }, null, 2));
  writeFileSync(join(dir, 'src', 'pack.ts'), PACK_TS(name));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, 'areas', file), text);
  return dir;
}

/** One area file: rooms z<k>-r<i> in a line (east/west), the first one `up` into `upTo` when given. */
export function areaText(k: number, size: Omit<WorldSize, 'files'>, options: { upTo?: string; next?: string; description?: (i: number) => string } = {}): string {
  const lines = [`# Zone ${k} of the bench world.`, `area: Zone ${k}`, '', 'rooms:'];
  const describe = options.description ?? ((i: number) => `Room ${i} of zone ${k}: grey stone, a draught from the east.`);
  for (let i = 0; i < size.roomsPerFile; i++) {
    const exits: string[] = [];
    if (i > 0) exits.push(`west: z${k}-r${i - 1}`);
    if (i < size.roomsPerFile - 1) exits.push(`east: z${k}-r${i + 1}`);
    else if (options.next) exits.push(`east: ${options.next}`);
    if (i === 0 && options.upTo) exits.push(`up: ${options.upTo}`);
    lines.push(`  - key: z${k}-r${i}`, `    name: Zone ${k} room ${i}`, `    description: >-`, `      ${describe(i)}`, `    exits: { ${exits.join(', ')} }`, `    coordinates: [${i}, ${k}, 0]`, `    environment: underground`);
  }
  lines.push('', 'prototypes:');
  for (let j = 0; j < size.prototypesPerFile; j++) {
    const parent = j % 4 === 0 ? 'combat:creature' : `z${k}-p${j - 1}`;
    lines.push(`  - key: z${k}-p${j}`, `    parent: ${parent}`, '    components:', `      Describable: { name: a zone ${k} beast ${j}, keywords: [beast, b${j}], description: "A beast, kind ${j}." }`, `      Health: { current: ${20 + j}, max: ${20 + j} }`);
  }
  lines.push('', 'spawns:');
  for (let s = 0; s < size.spawnsPerFile; s++) {
    lines.push(`  - { key: z${k}-s${s}, prototype: z${k}-p${s % Math.max(1, size.prototypesPerFile)}, room: z${k}-r${s % size.roomsPerFile}, respawn: 60 }`);
  }
  return `${lines.join('\n')}\n`;
}

/** The whole bench world, as area file texts by name. */
export function worldFiles(size: WorldSize): Record<string, string> {
  const files: Record<string, string> = {};
  for (let k = 0; k < size.files; k++) {
    const name = `zone-${String(k).padStart(2, '0')}.yaml`;
    files[name] = areaText(k, size, { ...(k === 0 ? { upTo: 'starter-world:town-square' } : {}), ...(k < size.files - 1 ? { next: `z${k + 1}-r0` } : {}) });
  }
  return files;
}
