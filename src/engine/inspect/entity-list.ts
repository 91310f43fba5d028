/**
 * Pages of the world's entities for the inspector's list: filtered by a
 * search text (name, key or id) and a component query, in creation order,
 * with the total so a list can be virtualized over 100,000 of them.
 */
import type { Entity } from '../ecs/entity';
import type { World } from '../ecs/world';
import { matchesFilter, parseComponentQuery } from './component-query';
import type { EntityListItem, EntityListRequest, EntityPage } from './types';

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 200;

/** What an entity is called: the first non-empty `name` one of its components holds (Player, Describable, Room). */
export function entityName(entity: Entity): string {
  const slots = entity.slots;
  for (let slot = 0; slot < slots.length; slot++) {
    const name = (slots[slot] as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return '';
}

function matchesSearch(entity: Entity, needle: string): boolean {
  if (entity.id.includes(needle)) return true;
  if (entity.key !== undefined && entity.key.toLowerCase().includes(needle)) return true;
  return entityName(entity).toLowerCase().includes(needle);
}

export function listItem(entity: Entity): EntityListItem {
  return { id: entity.id, ...(entity.key !== undefined ? { key: entity.key } : {}), name: entityName(entity), components: entity.componentNames() };
}

export function listEntities(world: World, request: EntityListRequest = {}): EntityPage {
  const filter = request.query?.trim() ? parseComponentQuery(request.query) : undefined;
  const needle = request.search?.trim().toLowerCase() ?? '';
  const offset = Math.max(0, request.offset ?? 0);
  const limit = Math.min(MAX_PAGE, Math.max(0, request.limit ?? DEFAULT_PAGE));
  const items: EntityListItem[] = [];
  let total = 0;
  const room = request.room;
  for (const entity of world.allEntities()) {
    if (filter && !matchesFilter(entity, filter)) continue;
    if (room !== undefined && (entity.getByName('Location') as { room?: unknown } | undefined)?.room !== room) continue;
    if (needle !== '' && !matchesSearch(entity, needle)) continue;
    if (total >= offset && items.length < limit) items.push(listItem(entity));
    total++;
  }
  return { total, offset, items };
}
