import { PackError } from '../core/errors';
import type { PackManifest } from './contract';

export interface OrderResult {
  /** Names in an order where each pack comes after its dependencies. */
  order: string[];
  /** Packs that cannot load, with the reason (missing or circular dependency). */
  failed: Map<string, PackError>;
}

/**
 * Orders packs by dependency. `available` are packs already loaded that may be
 * depended on. A pack whose dependency is missing, failed or part of a cycle
 * cannot load; nor can anything that depends on it. Input order breaks ties.
 */
export function orderPacks(manifests: readonly PackManifest[], available: ReadonlySet<string> = new Set()): OrderResult {
  const byName = new Map(manifests.map((m) => [m.name, m]));
  const failed = new Map<string, PackError>();
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();

  const visit = (name: string, path: string[]): boolean => {
    if (failed.has(name)) return false;
    if (state.get(name) === 'done') return true;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      for (const member of cycle) {
        if (!failed.has(member)) failed.set(member, new PackError(`Circular dependency: ${cycle.join(' -> ')}`, member));
      }
      return false;
    }
    const manifest = byName.get(name);
    if (!manifest) return available.has(name);
    state.set(name, 'visiting');
    for (const dep of manifest.dependencies ?? []) {
      if (!byName.has(dep) && !available.has(dep)) {
        failed.set(name, new PackError(`Pack '${name}' depends on '${dep}', which is not loaded`, name));
        break;
      }
      if (!visit(dep, [...path, name])) {
        if (!failed.has(name)) {
          const reason = failed.get(dep)?.message ?? 'it could not load';
          failed.set(name, new PackError(`Pack '${name}' depends on '${dep}', which failed to load: ${reason}`, name));
        }
        break;
      }
    }
    state.set(name, 'done');
    if (failed.has(name)) return false;
    order.push(name);
    return true;
  };

  for (const m of manifests) visit(m.name, []);
  return { order, failed };
}

/** The packs of `manifests` (in load order) that name `name` as a dependency, directly or not, in that order. */
export function dependantsIn(manifests: readonly PackManifest[], name: string): string[] {
  const out = new Set<string>();
  const visit = (n: string) => {
    for (const m of manifests) {
      if ((m.dependencies ?? []).includes(n) && !out.has(m.name)) {
        out.add(m.name);
        visit(m.name);
      }
    }
  };
  visit(name);
  return manifests.map((m) => m.name).filter((n) => out.has(n));
}
