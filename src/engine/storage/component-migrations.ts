/**
 * Carries persisted component data forward to the versions the loaded packs
 * define, on load. Pure: returns new records and never changes the input.
 * Each migrate receives its own deep copy (one that edits in place is fine);
 * data that needs no migration is shared with the input, not copied, as
 * start-up loads the whole world through here.
 */
import { errorMessage, MaidError } from '../core/errors';
import type { ComponentMigration } from '../packs/contract';
import type { EntityRecord, StoredComponent } from './types';

/** The current definition of a component, as far as migration cares. */
export interface ComponentVersion {
  name: string;
  version: number;
}

export interface MigrationReport {
  /** The records, with every component at its current version. */
  entities: EntityRecord[];
  /** How many migrate calls ran (a 1→3 chain of two steps counts 2). */
  ran: number;
  /** Components brought forward, by "name from→to" (e.g. "Health 1→3": 12). */
  migrated: Record<string, number>;
  /** Names of stored components with no current definition: kept as they are, for a pack not loaded now. */
  unknownComponents: string[];
}

/** No way forward for a component's stored data, or a migrate step threw. */
export class ComponentMigrationError extends MaidError {
  constructor(
    message: string,
    readonly component: string,
    readonly entityId: string,
    readonly from: number,
    readonly to: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Brings every stored component to its definition's version by chaining
 * migrations (1→2→3, or a direct 1→3 when given; the fewest steps win).
 * Throws ComponentMigrationError naming component, entity and versions when
 * no chain exists, when stored data is newer than the definition, or when a
 * migrate throws or returns nothing.
 */
export function migrateEntityRecords(records: readonly EntityRecord[], definitions: Iterable<ComponentVersion>, migrations: readonly ComponentMigration[]): MigrationReport {
  const current = new Map<string, number>();
  for (const d of definitions) current.set(d.name, d.version);
  const byComponent = new Map<string, ComponentMigration[]>();
  for (const m of migrations) {
    const list = byComponent.get(m.component) ?? [];
    list.push(m);
    byComponent.set(m.component, list);
  }
  const chains = new Map<string, ComponentMigration[] | undefined>();
  const migrated: Record<string, number> = {};
  const unknown = new Set<string>();
  let ran = 0;

  const entities = records.map((record): EntityRecord => {
    const components: Record<string, StoredComponent> = {};
    for (const [name, stored] of Object.entries(record.components)) {
      const target = current.get(name);
      if (target === undefined) {
        unknown.add(name);
        components[name] = { version: stored.version, data: stored.data };
        continue;
      }
      if (stored.version === target) {
        components[name] = { version: stored.version, data: stored.data };
        continue;
      }
      const fail = (message: string, cause?: unknown) =>
        new ComponentMigrationError(`Component "${name}" of entity ${record.id}: ${message}`, name, record.id, stored.version, target, cause === undefined ? undefined : { cause });
      if (stored.version > target) throw fail(`stored at version ${stored.version}, newer than its definition (version ${target}); migrations only go forward`);
      const chainKey = `${name}\u0000${stored.version}\u0000${target}`;
      if (!chains.has(chainKey)) chains.set(chainKey, findChain(byComponent.get(name) ?? [], stored.version, target));
      const chain = chains.get(chainKey);
      if (chain === undefined) throw fail(`no migration path from version ${stored.version} to ${target} (migrations known: ${describe(byComponent.get(name))})`);
      let data: unknown = structuredClone(stored.data);
      for (const step of chain) {
        try {
          data = step.migrate(data);
        } catch (err) {
          throw fail(`migration ${step.from}→${step.to} threw: ${errorMessage(err)}`, err);
        }
        if (data === undefined) throw fail(`migration ${step.from}→${step.to} returned nothing (did it forget to return the data?)`);
        ran++;
      }
      const label = `${name} ${stored.version}→${target}`;
      migrated[label] = (migrated[label] ?? 0) + 1;
      components[name] = { version: target, data };
    }
    return { id: record.id, ...(record.key !== undefined ? { key: record.key } : {}), components };
  });

  return { entities, ran, migrated, unknownComponents: [...unknown].sort() };
}

/** The shortest chain of steps from `from` to exactly `to`, or undefined. */
function findChain(steps: readonly ComponentMigration[], from: number, to: number): ComponentMigration[] | undefined {
  const via = new Map<number, ComponentMigration[]>([[from, []]]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const v of frontier) {
      const path = via.get(v) ?? [];
      // In declaration order, so the first declared of two equal-length paths wins.
      for (const step of steps) {
        if (step.from !== v || step.to <= v || step.to > to || via.has(step.to)) continue;
        const extended = [...path, step];
        if (step.to === to) return extended;
        via.set(step.to, extended);
        next.push(step.to);
      }
    }
    frontier = next;
  }
  return undefined;
}

function describe(steps: readonly ComponentMigration[] | undefined): string {
  if (!steps || steps.length === 0) return 'none';
  return steps.map((s) => `${s.from}→${s.to}`).join(', ');
}
