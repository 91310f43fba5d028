import type { ComponentType } from './component';
import type { Entity } from './entity';

/**
 * A live list of the entities holding every one of a set of components, kept
 * current as components come and go (the world tells it), never by scanning.
 * Removal swaps the last entity into the hole, so it is O(1).
 */
export class Query implements Iterable<Entity> {
  /** The matching entities, in no particular order. Do not modify. */
  readonly entities: Entity[] = [];
  private readonly index = new Map<Entity, number>();
  readonly slots: readonly number[];

  constructor(readonly types: readonly ComponentType<object>[]) {
    this.slots = types.map((t) => t.slot);
  }

  get size(): number {
    return this.entities.length;
  }

  matches(entity: Entity): boolean {
    for (const slot of this.slots) if (entity.slots[slot] === undefined) return false;
    return true;
  }

  /** @internal */
  include(entity: Entity): void {
    if (this.index.has(entity)) return;
    this.index.set(entity, this.entities.length);
    this.entities.push(entity);
  }

  /** @internal */
  exclude(entity: Entity): void {
    const i = this.index.get(entity);
    if (i === undefined) return;
    const last = this.entities.pop() as Entity;
    if (last !== entity) {
      this.entities[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(entity);
  }

  has(entity: Entity): boolean {
    return this.index.has(entity);
  }

  first(): Entity | undefined {
    return this.entities[0];
  }

  /**
   * Iterates from the end, so the entity being visited may remove itself (or
   * be destroyed) without another being skipped.
   */
  *[Symbol.iterator](): Iterator<Entity> {
    for (let i = this.entities.length - 1; i >= 0; i--) {
      const e = this.entities[i];
      if (e !== undefined) yield e;
    }
  }

  toArray(): Entity[] {
    return [...this.entities];
  }
}
