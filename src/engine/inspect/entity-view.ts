/** One entity as the inspector shows it: each component with its version, owning pack and data (JSON-safe). */
import { toJsonSafe } from '../core/json-safe';
import { existingComponentSlot } from '../ecs/component';
import type { Entity } from '../ecs/entity';
import type { World } from '../ecs/world';
import { entityName } from './entity-list';
import type { ComponentView, EntityView } from './types';

export function componentView(world: World, entity: Entity, name: string, version?: number): ComponentView {
  const type = world.componentType(name);
  const pack = world.componentOwner(name);
  return { name, version: type?.version ?? version ?? 1, ...(pack !== undefined ? { pack } : {}), data: toJsonSafe(entity.getByName(name)) };
}

export function entityView(world: World, entity: Entity): EntityView {
  const snapshot = world.snapshotEntity(entity);
  const components = Object.entries(snapshot.components).map(([name, stored]) => componentView(world, entity, name, stored.version));
  const held = new Set(components.map((c) => c.name));
  const addable = world
    .registeredComponents()
    .map((t) => t.name)
    .filter((n) => !held.has(n))
    .sort();
  return { id: entity.id, ...(entity.key !== undefined ? { key: entity.key } : {}), name: entityName(entity), components, addable };
}

/** The component's data an entity holds, by name (undefined when it holds none). */
export function dataOf(entity: Entity, name: string): object | undefined {
  return existingComponentSlot(name) === undefined ? undefined : entity.getByName(name);
}
