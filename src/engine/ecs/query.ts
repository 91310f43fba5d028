import type { ComponentType } from './component';
import type { Entity } from './entity';

/**
 * Walks a query's entities from the last to the first, reading the live list
 * at every step, so the entity being visited may remove itself (or be
 * destroyed) without another being skipped. Behaves like a generator: it is
 * its own iterable, starts when first asked for a value, stays finished once
 * finished, and `return()` finishes it. A class rather than a generator, and
 * `next` builds its result in one place, so that once inlined into a
 * `for...of` loop the result objects are optimised away.
 */
class QueryIterator implements IterableIterator<Entity> {
  /** The index last visited; NOT_STARTED before the first step, DONE after the last. */
  private i = NOT_STARTED;

  constructor(private readonly list: readonly Entity[]) {}

  next(): IteratorResult<Entity, undefined> {
    const list = this.list;
    let i = this.i;
    if (i === NOT_STARTED) i = list.length;
    let value: Entity | undefined;
    while (--i >= 0) {
      value = list[i];
      if (value !== undefined) break;
    }
    if (i < 0) i = DONE;
    this.i = i;
    return { value, done: i === DONE } as IteratorResult<Entity, undefined>;
  }

  return(): IteratorResult<Entity, undefined> {
    this.i = DONE;
    return { value: undefined, done: true };
  }

  throw(error?: unknown): IteratorResult<Entity, undefined> {
    this.i = DONE;
    throw error;
  }

  [Symbol.iterator](): this {
    return this;
  }
}

const NOT_STARTED = -2;
const DONE = -1;

/**
 * A live list of the entities holding every one of a set of components, kept
 * current as components come and go (the world tells it), never by scanning.
 * Removal swaps the last entity into the hole, so it is O(1).
 */
export class Query implements Iterable<Entity> {
  /** The matching entities, in no particular order. Do not modify. */
  readonly entities: Entity[] = [];
  /**
   * Where each member sits in `entities`, by entity handle. Entries of
   * non-members are stale; a member is one whose entry points back at it.
   */
  private positions = new Int32Array(16);
  readonly slots: readonly number[];
  /** @internal the slots in ascending order (the world finds cached queries by them) */
  readonly sortedSlots: readonly number[];

  constructor(readonly types: readonly ComponentType<object>[]) {
    this.slots = types.map((t) => t.slot);
    this.sortedSlots = [...this.slots].sort((a, b) => a - b);
  }

  get size(): number {
    return this.entities.length;
  }

  matches(entity: Entity): boolean {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) if (entity.slots[slots[i] as number] === undefined) return false;
    return true;
  }

  /** @internal */
  include(entity: Entity): void {
    if (this.has(entity)) return;
    const h = entity.handle;
    if (h < 0) throw new Error(`Entity ${entity.id} has no handle in this world`);
    if (h >= this.positions.length) this.grow(h);
    this.positions[h] = this.entities.length;
    this.entities.push(entity);
  }

  /** @internal */
  exclude(entity: Entity): void {
    const h = entity.handle;
    if (h < 0 || h >= this.positions.length) return;
    const i = this.positions[h] as number;
    const entities = this.entities;
    if (entities[i] !== entity) return;
    const last = entities.pop() as Entity;
    if (last !== entity) {
      entities[i] = last;
      this.positions[last.handle] = i;
    }
  }

  has(entity: Entity): boolean {
    const h = entity.handle;
    if (h < 0 || h >= this.positions.length) return false;
    return this.entities[this.positions[h] as number] === entity;
  }

  private grow(handle: number): void {
    let size = this.positions.length * 2;
    while (size <= handle) size *= 2;
    const positions = new Int32Array(size);
    positions.set(this.positions);
    this.positions = positions;
  }

  first(): Entity | undefined {
    return this.entities[0];
  }

  /**
   * Iterates from the end, so the entity being visited may remove itself (or
   * be destroyed) without another being skipped.
   */
  [Symbol.iterator](): IterableIterator<Entity> {
    return new QueryIterator(this.entities);
  }

  toArray(): Entity[] {
    return [...this.entities];
  }
}
