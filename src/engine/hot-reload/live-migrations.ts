import type { ComponentType } from '../ecs/component';
import type { World } from '../ecs/world';
import type { ComponentMigration } from '../packs/contract';
import type { ComponentDiff } from './types';

/** One component whose version rose, and the chain of migrations that carries its data there. */
export interface MigrationPlan {
  component: string;
  from: number;
  to: number;
  steps: ComponentMigration[];
}

/** The migrations leading from one version to another, in order, or undefined when there is a gap. */
export function migrationChain(migrations: readonly ComponentMigration[], component: string, from: number, to: number): ComponentMigration[] | undefined {
  const chain: ComponentMigration[] = [];
  let at = from;
  while (at < to) {
    // Prefer the longest jump available from here.
    const next = migrations.filter((m) => m.component === component && m.from === at && m.to <= to).sort((a, b) => b.to - a.to)[0];
    if (!next) return undefined;
    chain.push(next);
    at = next.to;
  }
  return chain;
}

/**
 * Plans the migrations a reload needs: every component of the new version
 * whose version is above the running one's. A version that went down, or
 * rose with no chain of migrations to carry the data, is an error.
 */
export function planMigrations(before: ReadonlyMap<string, number>, after: readonly ComponentType<object>[], migrations: readonly ComponentMigration[]): MigrationPlan[] {
  const plans: MigrationPlan[] = [];
  for (const type of after) {
    const from = before.get(type.name);
    if (from === undefined || from === type.version) continue;
    if (type.version < from) {
      throw new Error(`Component ${type.name} went down from version ${from} to ${type.version}; versions may only rise`);
    }
    const steps = migrationChain(migrations, type.name, from, type.version);
    if (!steps) throw new Error(`Component ${type.name} rose from version ${from} to ${type.version}, but no migrations lead from ${from} to ${type.version}`);
    plans.push({ component: type.name, from, to: type.version, steps });
  }
  return plans;
}

/**
 * Runs the plans over every entity holding each component. Throws on the
 * first failing entity (the caller's world journal puts the data back).
 * Returns the number of migration steps run and a sampled diff.
 */
export function runMigrations(world: World, plans: readonly MigrationPlan[], sampleSize = 5): { migrationsRun: number; diffs: Record<string, ComponentDiff> } {
  let migrationsRun = 0;
  const diffs: Record<string, ComponentDiff> = {};
  for (const plan of plans) {
    const entities = world.entitiesWith(plan.component);
    const sample: ComponentDiff['sample'] = [];
    for (const entity of entities) {
      const before = entity.getByName(plan.component);
      let data: unknown = structuredClone(before);
      for (const step of plan.steps) {
        try {
          data = step.migrate(data);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new Error(`Migration of ${plan.component} from ${step.from} to ${step.to} failed for entity ${entity.id}: ${reason}`, { cause: err });
        }
        if (typeof data !== 'object' || data === null) {
          throw new Error(`Migration of ${plan.component} from ${step.from} to ${step.to} returned ${data === null ? 'null' : typeof data} for entity ${entity.id}; it must return the new data object`);
        }
      }
      world.setComponentData(entity, plan.component, data as object);
      if (sample.length < sampleSize) sample.push({ entity: entity.id, before, after: structuredClone(data) });
    }
    migrationsRun += plan.steps.length;
    diffs[plan.component] = { from: plan.from, to: plan.to, entities: entities.length, sample };
  }
  return { migrationsRun, diffs };
}
