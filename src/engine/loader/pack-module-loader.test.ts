import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackModuleLoader } from './index';
import { createTestPack, type TestPack } from './test-pack';

class HostSystem {}
const hostEngine = { System: HostSystem, marker: Symbol('engine') };

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: '@packs/combat', version: '1.0.0', type: 'module' }),
  'src/pack.ts': `import type { Thing } from './types';
import { System, marker } from '@maid/engine';
import { attack } from './commands/attack';
import { Health } from './components/health.js';
import rooms from './data/rooms.json';
import { tag, loadCount } from 'fake-pkg';
import { helper } from './util';
import path from 'node:path';
import { ping } from './cycle/a';

const thing: Thing = { name: 'pack' };

export default class CombatPack {
  manifest = { name: 'combat', version: '1.0.0' };
  parts() {
    return { attack, Health, rooms, tag, loadCount, helper, thing, sep: path.sep, System, marker, ping };
  }
}
`,
  'src/types.ts': `export interface Thing { name: string }\n`,
  'src/commands/attack.ts': `import { damage } from '../systems/damage';
export const attack = { name: 'attack', damage };
`,
  'src/components/health.ts': `export const Health = { name: 'Health', version: 1 };\n`,
  'src/systems/damage.ts': `export const damage: number = 10;
export const where = { url: import.meta.url, dir: import.meta.dirname, file: __filename };
export async function lazyValue(): Promise<number> {
  const mod = await import('./lazy');
  return mod.value;
}
`,
  'src/systems/lazy.ts': `export const value = 42;\n`,
  'src/util/index.ts': `export function helper(): string { return 'help'; }\n`,
  'src/data/rooms.json': `{ "start": { "name": "Town square" } }\n`,
  'src/cycle/a.ts': `import { pong } from './b';
export function ping(n: number): string { return n <= 0 ? 'done' : pong(n - 1); }
`,
  'src/cycle/b.ts': `import { ping } from './a';
export function pong(n: number): string { return ping(n); }
`,
  'src/legacy.cjs': `module.exports = { engine: require('@maid/engine'), dir: __dirname };\n`,
  'node_modules/fake-pkg/package.json': JSON.stringify({ name: 'fake-pkg', version: '1.0.0', main: 'index.js' }),
  'node_modules/fake-pkg/index.js': `globalThis.__fakePkgLoads = (globalThis.__fakePkgLoads || 0) + 1;
exports.tag = 'fake'; exports.loadCount = globalThis.__fakePkgLoads;
`,
};

interface Parts {
  attack: { name: string; damage: number };
  Health: { name: string };
  rooms: { start: { name: string } };
  tag: string;
  loadCount: number;
  helper(): string;
  thing: { name: string };
  sep: string;
  System: unknown;
  marker: symbol;
  ping(n: number): string;
}
type PackClass = new () => { manifest: { name: string }; parts(): Parts };

let pack: TestPack;
let loader: PackModuleLoader;

beforeEach(() => {
  pack = createTestPack(FILES);
  loader = new PackModuleLoader({ packDir: pack.dir, hostModules: { '@maid/engine': hostEngine } });
});
afterEach(() => pack.cleanup());

function parts(entry: unknown): Parts {
  return new (entry as PackClass)().parts();
}

describe('PackModuleLoader: first load', () => {
  it('loads the entry default export and its imports of every kind', () => {
    const Pack = loader.loadEntry() as PackClass;
    const instance = new Pack();
    expect(instance.manifest.name).toBe('combat');
    const p = instance.parts();
    expect(p.attack).toEqual({ name: 'attack', damage: 10 }); // extension-less relative import
    expect(p.Health.name).toBe('Health'); // './components/health.js' is health.ts
    expect(p.rooms.start.name).toBe('Town square'); // JSON
    expect(p.helper()).toBe('help'); // directory index.ts
    expect(p.tag).toBe('fake'); // the pack's own node_modules
    expect(p.sep).toBe('/'); // node: builtin
    expect(p.thing).toEqual({ name: 'pack' });
    expect(p.ping(5)).toBe('done'); // import cycle
  });

  it('hands host modules over as the very same objects', () => {
    loader.loadEntry();
    const p = parts(loader.current?.entry);
    expect(p.System).toBe(HostSystem);
    expect(p.marker).toBe(hostEngine.marker);
    const legacy = loader.prepare([pack.file('src/legacy.cjs')]); // not in the graph: nothing re-evaluated
    expect(legacy.evaluated).toEqual([]);
    loader.discard(legacy);
  });

  it('require() of a host module returns it as-is, and __dirname works in CommonJS modules', () => {
    pack.write('src/pack.ts', `import legacy from './legacy.cjs';\nexport default legacy;\n`);
    const legacy = loader.loadEntry() as { engine: unknown; dir: string };
    expect(legacy.engine).toBe(hostEngine);
    expect(legacy.dir).toBe(pack.file('src'));
  });

  it('gives modules import.meta.url / dirname and __filename of the original file', async () => {
    pack.write('src/pack.ts', `export * from './systems/damage';\nexport default 1;\n`);
    loader.loadEntry();
    const ns = loader.current?.entryExports as { where: { url: string; dir: string; file: string }; lazyValue(): Promise<number> };
    const file = pack.file('src/systems/damage.ts');
    expect(ns.where).toEqual({ url: pathToFileURL(file).href, dir: pack.file('src/systems'), file });
    await expect(ns.lazyValue()).resolves.toBe(42); // import() goes through the loader
    expect(loader.files()).toContain(pack.file('src/systems/lazy.ts'));
  });

  it('lists the graph and counts one evaluation per module', () => {
    loader.loadEntry();
    const files = loader.files();
    expect(files).toContain(pack.file('src/systems/damage.ts'));
    expect(files).toContain(pack.file('src/data/rooms.json'));
    expect(files).not.toContain(pack.file('src/types.ts')); // type-only import is erased
    for (const f of files) expect(loader.evaluationCount(f)).toBe(1);
    const damage = loader.graph().find((n) => n.file === pack.file('src/systems/damage.ts'));
    expect(damage?.importers).toEqual([pack.file('src/commands/attack.ts')]);
  });
});

describe('PackModuleLoader: transactional reload', () => {
  it('re-evaluates only the changed module and its importers', () => {
    const OldPack = loader.loadEntry();
    const counts = () => Object.fromEntries(loader.files().map((f) => [f.slice(pack.dir.length + 1), loader.evaluationCount(f)]));
    const before = counts();
    pack.write('src/systems/damage.ts', `export const damage: number = 25;\n`);
    const next = loader.prepare([pack.file('src/systems/damage.ts')]);
    expect(next.evaluated.map((f) => f.slice(pack.dir.length + 1)).sort()).toEqual(['src/commands/attack.ts', 'src/pack.ts', 'src/systems/damage.ts']);
    // Not committed yet: the current generation is untouched.
    expect(loader.current?.entry).toBe(OldPack);
    expect(parts(OldPack).attack.damage).toBe(10);
    expect(parts(next.entry).attack.damage).toBe(25);
    loader.commit(next);
    expect(loader.current).toBe(next);
    const after = counts();
    for (const changed of ['src/systems/damage.ts', 'src/commands/attack.ts', 'src/pack.ts']) expect(after[changed]).toBe((before[changed] ?? 0) + 1);
    for (const sibling of ['src/components/health.ts', 'src/util/index.ts', 'src/data/rooms.json', 'src/cycle/a.ts', 'src/cycle/b.ts']) {
      expect(after[sibling]).toBe(1);
    }
    // Unchanged modules are shared, not copies; packages stay in Node's cache.
    expect(parts(next.entry).Health).toBe(parts(OldPack).Health);
    expect(parts(next.entry).loadCount).toBe(parts(OldPack).loadCount);
  });

  it('discard keeps the old exports serving', () => {
    const OldPack = loader.loadEntry();
    const first = loader.current;
    pack.write('src/components/health.ts', `export const Health = { name: 'Health', version: 2 };\n`);
    const next = loader.prepare(['src/components/health.ts']);
    loader.discard(next);
    expect(next.state).toBe('discarded');
    expect(loader.current).toBe(first);
    expect(loader.current?.entry).toBe(OldPack);
    expect(() => loader.commit(next)).toThrow(/discarded/);
    expect(parts(loader.current?.entry).Health).toEqual({ name: 'Health', version: 1 });
  });

  it('reloads one module by path or dotted id, with or without the pack name', () => {
    loader.loadEntry();
    const damage = pack.file('src/systems/damage.ts');
    for (const id of ['systems/damage.ts', 'src/systems/damage', 'systems.damage', 'combat.systems.damage']) {
      expect(loader.resolveModule(id)).toBe(damage);
    }
    expect(loader.resolveModule('systems.nothing')).toBeUndefined();
    const next = loader.prepareModule('combat.systems.damage');
    expect(next.evaluated).toContain(damage);
    expect(next.evaluated).not.toContain(pack.file('src/components/health.ts'));
    loader.commit(next);
    expect(() => loader.prepareModule('systems.nothing')).toThrow(/No module 'systems.nothing'/);
  });

  it('re-evaluates both sides of an import cycle without hanging', () => {
    loader.loadEntry();
    pack.write('src/cycle/b.ts', `import { ping } from './a';\nexport function pong(n: number): string { return n > 100 ? 'big' : ping(n); }\n`);
    const next = loader.prepare(['src/cycle/b.ts']);
    expect(next.evaluated).toEqual(expect.arrayContaining([pack.file('src/cycle/a.ts'), pack.file('src/cycle/b.ts')]));
    loader.commit(next);
    expect(parts(next.entry).ping(3)).toBe('done');
  });

  it('refuses to commit a generation prepared from a version that is no longer current', () => {
    loader.loadEntry();
    const a = loader.prepare(['src/systems/damage.ts']);
    const b = loader.prepare(['src/systems/damage.ts']);
    loader.commit(a);
    expect(() => loader.commit(b)).toThrow(/no longer current/);
    loader.discard(b);
  });

  it('keeps only the current generation: a retired one lets go of its modules', () => {
    loader.loadEntry();
    const first = loader.current;
    const count = loader.files().length;
    for (let i = 0; i < 20; i++) {
      pack.write('src/systems/damage.ts', `export const damage: number = ${i};\n`);
      loader.commit(loader.prepare(['src/systems/damage.ts']));
    }
    expect(first?.state).toBe('retired');
    expect(first?.files).toEqual([]);
    expect(parts(loader.current?.entry).attack.damage).toBe(19);
    expect(loader.files()).toHaveLength(count);
  });

  it('a module no longer imported leaves the graph; a new one joins it', () => {
    loader.loadEntry();
    pack.write('src/commands/attack.ts', `import { bonus } from './bonus.js';\nexport const attack = { name: 'attack', damage: bonus };\n`);
    pack.write('src/commands/bonus.ts', `export const bonus = 99;\n`);
    const next = loader.prepare(['src/commands/attack.ts', 'src/commands/bonus.ts']);
    loader.commit(next);
    expect(loader.files()).toContain(pack.file('src/commands/bonus.ts'));
    expect(loader.files()).not.toContain(pack.file('src/systems/damage.ts'));
    expect(parts(next.entry).attack.damage).toBe(99);
  });
});
