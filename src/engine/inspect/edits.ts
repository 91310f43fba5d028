/**
 * Edits of the live world from the inspector, each checked against the
 * component before anything changes (a field it has, a value of its
 * default's JSON kind), applied through the world so queries, indexes and
 * persistence see them, and answered with the edit that undoes it.
 */
import { unknownField, valueProblem } from '../ecs/component-fields';
import type { ComponentType } from '../ecs/component';
import type { Entity } from '../ecs/entity';
import type { World } from '../ecs/world';
import { toJsonSafe } from '../core/json-safe';
import { entityName } from './entity-list';
import { dataOf, entityView } from './entity-view';
import { InspectError, type EditResult, type FieldPath, type InspectEdit } from './types';

const refuse = (message: string): never => {
  throw new InspectError('refused', message);
};

function label(entity: Entity): string {
  const name = entityName(entity);
  return name ? `${name} (${entity.id.slice(0, 8)})` : `entity ${entity.id}`;
}

function live(world: World, id: string): Entity {
  const entity = world.getEntity(id);
  if (!entity) throw new InspectError('not-found', `Entity ${id} does not exist (it was destroyed, or never was); nothing changed`);
  return entity;
}

function defined(world: World, name: string): ComponentType<object> {
  const type = world.componentType(name);
  if (!type) refuse(`No loaded pack defines the component ${name} now (its pack was unloaded or failed to load): its data is kept as it is, but cannot be edited; nothing changed`);
  return type as ComponentType<object>;
}

/** A copy that keeps undefined and nested data as they are (the link carries structured clones). */
function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return toJsonSafe(value) as T;
  }
}

function isContainer(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}

function hasKey(container: Record<string | number, unknown>, key: string | number): boolean {
  return Array.isArray(container) ? typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < container.length : typeof key === 'string' && Object.hasOwn(container, key);
}

/** The value the defaults hold at the path, as deep as they go. */
function defaultAt(defaults: unknown, path: FieldPath): unknown {
  let at = defaults;
  for (const key of path) {
    if (!isContainer(at) || !hasKey(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

function setField(world: World, edit: Extract<InspectEdit, { op: 'set' }>): EditResult {
  const entity = live(world, edit.entity);
  const type = defined(world, edit.component);
  const data = dataOf(entity, type.name) as Record<string, unknown> | undefined;
  if (!data) refuse(`${label(entity)} has no ${type.name} component (removed meanwhile?); nothing changed`);
  const path = edit.path;
  const where = `${type.name}.${path.join('.')}`;
  const defaults = type.defaults() as Record<string, unknown>;
  const top = path[0];
  if (typeof top !== 'string' || !Object.hasOwn(defaults, top)) refuse(unknownField(type.name, String(top), Object.keys(defaults)));
  let parent: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(parent) || !hasKey(parent, key)) refuse(`${where}: ${type.name} of ${label(entity)} has no such field; nothing changed`);
    parent = (parent as Record<string | number, unknown>)[key];
  }
  const leaf = path[path.length - 1] as string | number;
  if (!isContainer(parent) || !hasKey(parent, leaf)) refuse(`${where}: ${type.name} of ${label(entity)} has no such field; nothing changed`);
  const old = (parent as Record<string | number, unknown>)[leaf];
  const example = defaultAt(defaults, path) ?? old;
  const problem = valueProblem(where, example, edit.value);
  if (problem) refuse(`${problem}; nothing changed`);
  const value = copy(edit.value);
  if (type.immutable) {
    world.setComponentData(entity, type.name, withValue(data, path, value) as object);
  } else {
    // The field is written in place, so a system holding this data object sees the change; the lists and
    // objects on the way to a deeper value are copies, since they may be shared (a pack's constant list).
    const target = entity.write(type) as Record<string, unknown>;
    target[top as string] = withValue(target[top as string], path.slice(1), value);
  }
  return {
    summary: `Set ${where} of ${label(entity)} to ${short(value)} (was ${short(old)})`,
    inverse: { op: 'set', entity: entity.id, component: type.name, path: [...path], value: copy(old) },
    entity: entity.id,
    ...owner(world, type.name),
    view: entityView(world, entity),
  };
}

/** A copy of the data with one value changed, copying only the objects on the way. */
function withValue(data: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...FieldPath];
  const container = data as Record<string | number, unknown>;
  const next = (Array.isArray(container) ? [...(container as unknown[])] : { ...container }) as Record<string | number, unknown>;
  next[key] = withValue(container[key], rest, value);
  return next;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function owner(world: World, component: string): { pack?: string } {
  const pack = world.componentOwner(component);
  return pack !== undefined ? { pack } : {};
}

function addComponent(world: World, edit: Extract<InspectEdit, { op: 'add' }>): EditResult {
  const entity = live(world, edit.entity);
  const type = defined(world, edit.component);
  if (entity.has(type)) refuse(`${label(entity)} already has ${type.name}; nothing changed`);
  if (edit.data !== undefined) world.setComponentData(entity, type.name, copy(edit.data));
  else entity.add(type);
  return {
    summary: `Added ${type.name} to ${label(entity)}`,
    inverse: { op: 'remove', entity: entity.id, component: type.name },
    entity: entity.id,
    ...owner(world, type.name),
    view: entityView(world, entity),
  };
}

function removeComponent(world: World, edit: Extract<InspectEdit, { op: 'remove' }>): EditResult {
  const entity = live(world, edit.entity);
  const type = defined(world, edit.component);
  const data = dataOf(entity, type.name);
  if (!data) refuse(`${label(entity)} has no ${type.name} component (removed meanwhile?); nothing changed`);
  const kept = copy(data) as Record<string, unknown>;
  entity.remove(type);
  return {
    summary: `Removed ${type.name} from ${label(entity)}`,
    inverse: { op: 'add', entity: entity.id, component: type.name, data: kept },
    entity: entity.id,
    ...owner(world, type.name),
    view: entityView(world, entity),
  };
}

function destroy(world: World, edit: Extract<InspectEdit, { op: 'destroy' }>): EditResult {
  const entity = live(world, edit.entity);
  const what = label(entity);
  if (world.isOnline(entity.id)) refuse(`${what} is played by a connected player: destroying it would leave their session without a character; nothing changed`);
  const components: Record<string, Record<string, unknown>> = {};
  for (const name of entity.componentNames()) components[name] = copy(entity.getByName(name)) as Record<string, unknown>;
  world.destroyEntity(entity);
  return {
    summary: `Destroyed ${what} (${Object.keys(components).length} components)`,
    inverse: { op: 'restore', entity: entity.id, ...(entity.key !== undefined ? { key: entity.key } : {}), components },
    entity: entity.id,
  };
}

function restore(world: World, edit: Extract<InspectEdit, { op: 'restore' }>): EditResult {
  if (world.getEntity(edit.entity)) refuse(`An entity with id ${edit.entity} exists already; nothing changed`);
  if (edit.key !== undefined && world.findByKey(edit.key)) refuse(`Another entity holds the key "${edit.key}" now; nothing changed`);
  const entity = world.createEntity({ id: edit.entity, ...(edit.key !== undefined ? { key: edit.key } : {}) });
  for (const [name, data] of Object.entries(edit.components)) world.setComponentData(entity, name, copy(data));
  return {
    summary: `Brought back ${label(entity)} (${Object.keys(edit.components).length} components)`,
    inverse: { op: 'destroy', entity: entity.id },
    entity: entity.id,
    view: entityView(world, entity),
  };
}

/** Applies one edit now, all or nothing: every check runs before the world changes. */
export function applyEdit(world: World, edit: InspectEdit): EditResult {
  switch (edit.op) {
    case 'set':
      return setField(world, edit);
    case 'add':
      return addComponent(world, edit);
    case 'remove':
      return removeComponent(world, edit);
    case 'destroy':
      return destroy(world, edit);
    case 'restore':
      return restore(world, edit);
  }
}
