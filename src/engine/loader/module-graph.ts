import path from 'node:path';
import type { PackModule } from './evaluate';
import type { CompiledUnit } from './transpile';

export type GenerationState = 'building' | 'prepared' | 'current' | 'retired' | 'discarded';

/** One version of a pack's module graph, as handed to the engine. */
export interface PackGeneration {
  /** Increases with every prepare of this loader. */
  readonly id: number;
  readonly state: GenerationState;
  /** Absolute path of the entry module (`src/pack.ts`). */
  readonly entryFile: string;
  /** The entry module's `module.exports` (its namespace). */
  readonly entryExports: unknown;
  /** The entry's default export: the ContentPack class (or whatever the module exports as default). */
  readonly entry: unknown;
  /** Absolute paths of the modules evaluated to build this generation, in evaluation order. */
  readonly evaluated: readonly string[];
  /** Absolute paths of the modules in this generation. */
  readonly files: readonly string[];
}

export interface ModuleRecord {
  readonly file: string;
  readonly unit: CompiledUnit;
  readonly module: PackModule;
  /** Pack modules this one required: specifier → absolute file. */
  readonly imports: Map<string, string>;
  /** The generation whose modules this one's `require` sees; moves to the new generation when a commit reuses the record. */
  owner: Generation;
}

/** Internal state of a generation; the engine sees it as a PackGeneration. */
export class Generation implements PackGeneration {
  readonly records = new Map<string, ModuleRecord>();
  readonly evaluated: string[] = [];
  state: GenerationState = 'building';
  entryFile = '';
  entryExports: unknown = undefined;

  constructor(
    readonly id: number,
    readonly loaderKey: object,
    /** The generation this one was prepared from; cleared on commit/discard so old versions can go. */
    public base: Generation | undefined,
    /** Files to read from disk again instead of reusing the base's compiled unit. */
    public reread: 'all' | ReadonlySet<string>,
  ) {}

  get entry(): unknown {
    const ns = this.entryExports;
    if ((typeof ns === 'object' && ns !== null) || typeof ns === 'function') {
      const hasDefault = 'default' in ns;
      const esModule = (ns as { __esModule?: unknown }).__esModule === true;
      if (esModule || hasDefault) return (ns as { default?: unknown }).default;
    }
    return ns;
  }

  get files(): string[] {
    return [...this.records.keys()].sort();
  }
}

/** file → the modules that import it. */
export function importersOf(records: ReadonlyMap<string, ModuleRecord>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const record of records.values()) {
    for (const dep of record.imports.values()) {
      let set = out.get(dep);
      if (!set) out.set(dep, (set = new Set()));
      set.add(record.file);
    }
  }
  return out;
}

/** `a/b.ts`, `a/b.js` and `a/b/index.ts` may all answer an import of `./a/b`. */
function stemOf(file: string): string {
  const noExt = file.slice(0, file.length - path.extname(file).length);
  return path.basename(noExt) === 'index' ? path.dirname(noExt) : noExt;
}

/**
 * The modules that must be evaluated again when `changed` files changed:
 * those in the graph, every module that imports them directly or indirectly,
 * and importers whose import a new file may now answer differently.
 */
export function invalidatedBy(records: ReadonlyMap<string, ModuleRecord>, changed: Iterable<string>): Set<string> {
  const importers = importersOf(records);
  const seeds: string[] = [];
  const newStems = new Set<string>();
  for (const file of changed) {
    if (records.has(file)) seeds.push(file);
    else newStems.add(stemOf(file));
  }
  if (newStems.size > 0) {
    for (const record of records.values()) {
      for (const dep of record.imports.values()) {
        if (newStems.has(stemOf(dep))) seeds.push(record.file);
      }
    }
  }
  const out = new Set<string>();
  while (seeds.length > 0) {
    const file = seeds.pop() as string;
    if (out.has(file)) continue;
    out.add(file);
    for (const importer of importers.get(file) ?? []) seeds.push(importer);
  }
  return out;
}

/** Drop records no root reaches (modules no longer imported by anything). */
export function retainReachable(records: Map<string, ModuleRecord>, roots: readonly string[]): void {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    const record = records.get(file);
    if (!record) continue;
    seen.add(file);
    for (const dep of record.imports.values()) stack.push(dep);
  }
  for (const file of [...records.keys()]) if (!seen.has(file)) records.delete(file);
}
