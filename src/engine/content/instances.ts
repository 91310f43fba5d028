import type { Entity } from '../ecs/entity';
import type { World } from '../ecs/world';
import { Spawned } from './components';
import { sameData } from './equal';
import { spawnEntityKey } from './keys';
import type { ComponentMap, SpawnDef } from './types';
import { LOCATION_COMPONENT } from './validate';

/** The file a spawn is written in, relative to the pack folder. */
type SpawnAt = SpawnDef & { packName: string };

/** Creates the n-th instance of a spawn: the prototype's components, standing in the spawn's room. */
export function createInstance(world: World, spawn: SpawnAt, n: number, resolved: ComponentMap): Entity {
  const entity = world.createEntity({ key: spawnEntityKey(spawn.key, n) });
  for (const [name, data] of Object.entries(resolved)) {
    const type = world.componentType(name);
    if (type) entity.add(type, structuredClone(data));
  }
  const location = world.componentType(LOCATION_COMPONENT);
  if (location) entity.add(location, { room: spawn.room, holder: undefined });
  entity.add(Spawned, { pack: spawn.packName, file: spawn.at.file, spawn: spawn.key, n, prototype: spawn.prototype, room: spawn.room, applied: structuredClone(resolved) });
  return entity;
}

/**
 * Brings a live instance to its prototype's new data, field by field: a
 * field still holding what the prototype gave it last (nobody changed it)
 * takes the new value; a field play changed (a wounded rat's health) keeps
 * its live value. Returns whether anything changed.
 */
export function updateInstance(world: World, entity: Entity, applied: ComponentMap, resolved: ComponentMap): boolean {
  let changed = false;
  for (const [name, data] of Object.entries(resolved)) {
    const type = world.componentType(name);
    if (!type) continue;
    const live = entity.getByName(name) as Record<string, unknown> | undefined;
    const before = applied[name];
    if (!live) {
      // Removed by play: stays removed. New in the prototype: added.
      if (before) continue;
      entity.add(type, structuredClone(data));
      changed = true;
      continue;
    }
    const baseline = { ...(type.defaults() as Record<string, unknown>), ...before };
    const patch: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(data)) {
      if (sameData(live[field], baseline[field]) && !sameData(live[field], value)) patch[field] = structuredClone(value);
    }
    if (Object.keys(patch).length > 0) {
      world.setComponentData(entity, name, { ...live, ...patch });
      changed = true;
    }
  }
  for (const name of Object.keys(applied)) {
    if (name in resolved || !entity.getByName(name)) continue;
    world.setComponentData(entity, name, undefined);
    changed = true;
  }
  return changed;
}

/**
 * An instance its spawn no longer wants (the spawn removed, its count
 * lowered): destroyed, unless someone carries it — then it stays with them
 * as an ordinary thing, no longer an instance.
 */
export function releaseInstance(world: World, entity: Entity): 'kept' | 'removed' {
  const location = entity.getByName(LOCATION_COMPONENT) as { holder?: string } | undefined;
  if (location?.holder !== undefined) {
    entity.remove(Spawned);
    return 'kept';
  }
  world.destroyEntity(entity);
  return 'removed';
}
