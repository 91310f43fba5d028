import { isComponentType, type ComponentType } from '../ecs/component';
import type { World } from '../ecs/world';
import { CutOffError, type RunawayGuard } from '../core/runaway-guard';
import type { ContentPack } from '../packs/contract';
import { areasDirOf, type ContentLayer, type PreparedContent } from './layer';

export interface PackContentDeps {
  content: ContentLayer;
  world: World;
  runaway: RunawayGuard;
  /** Whether a pack is added but not loaded yet (it loads later). */
  isPending(name: string): boolean;
}

/**
 * Reads and validates one version of a pack's area files (throws a
 * ContentError naming file:line:column), against the components this
 * version defines (asked of it under the runaway guard) and those the other
 * packs have registered.
 */
export function preparePackContent(deps: PackContentDeps, record: { name: string; dir?: string }, pack: ContentPack): PreparedContent {
  const areasDir = areasDirOf(pack, record.dir);
  if (!areasDir) return deps.content.prepare(record.name, undefined);
  let own: ComponentType<object>[] = [];
  const stopped = deps.runaway.run(() => {
    own = deps.runaway.within({ kind: 'load', packName: record.name, name: 'getComponents()', ...(pack.getComponents ? { fn: pack.getComponents } : {}) }, () => pack.getComponents?.() ?? []);
  });
  if (stopped) throw new CutOffError(stopped);
  const mine = new Map((Array.isArray(own) ? own : []).filter(isComponentType).map((c) => [c.name, c]));
  // An exit into a pack that is added but not loaded yet is fine: packs may lead into each other whatever their order.
  return deps.content.prepare(record.name, areasDir, record.dir, (name) => mine.get(name) ?? deps.world.componentType(name), (name) => deps.isPending(name));
}
