import { immutableError, type ComponentType } from './component';
import type { Entity } from './entity';
import { grownToFit } from './positions';

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

/** What a query needs from its world to let systems change data through it. */
export interface QueryHost {
  /** Marks these entities changed (and records the slot for an open journal) before their data of that slot is written. */
  markWritten(entities: readonly Entity[], slot: number): void;
  /** The world's current change mark, or -1 while a journal records every write (see World.writeGate). */
  readonly writeGate: number;
}

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
  /**
   * Component data aligned with `entities`, by position in `slots`: kept
   * (pushed, swapped and popped with `entities`) only for the components a
   * system asked for through `column` or `write`, so other queries pay nothing.
   */
  private readonly columns: (object[] | undefined)[];
  private columnCount = 0;
  /** The change mark under which `write` last marked every member changed (0: not in the current one). */
  private markedUnder = 0;

  constructor(
    readonly types: readonly ComponentType<object>[],
    private readonly host: QueryHost,
  ) {
    this.slots = types.map((t) => t.slot);
    this.sortedSlots = [...this.slots].sort((a, b) => a - b);
    this.columns = this.slots.map(() => undefined);
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
    if (h >= this.positions.length) this.positions = grownToFit(this.positions, h);
    this.positions[h] = this.entities.length;
    this.entities.push(entity);
    if (this.columnCount > 0) {
      for (let k = 0; k < this.columns.length; k++) this.columns[k]?.push(entity.slots[this.slots[k] as number] as object);
    }
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
    if (this.columnCount > 0) {
      for (let k = 0; k < this.columns.length; k++) {
        const column = this.columns[k];
        if (column === undefined) continue;
        const moved = column.pop() as object;
        if (last !== entity) column[i] = moved;
      }
    }
  }

  /** @internal the entity's data for a slot was replaced by another object */
  replaced(entity: Entity, slot: number): void {
    if (this.columnCount === 0 || !this.has(entity)) return;
    const k = this.slots.indexOf(slot);
    const column = this.columns[k];
    if (column !== undefined) column[this.positions[entity.handle] as number] = entity.slots[slot] as object;
  }

  /**
   * The data of one of the query's components for every member, aligned
   * with `entities`: entry i belongs to `entities[i]`. For systems that read
   * many entities: walking this array skips the step through each entity.
   * The array is live (it changes as the query does) and read only.
   */
  column<T extends object>(type: ComponentType<T>): readonly Readonly<T>[] {
    return this.columnOf(type) as T[];
  }

  /**
   * Like `column`, for changing the data in place: marks every member
   * changed first, as `entity.write` does one entity (so persistence saves
   * them and a hot reload can undo the change). Do not add or remove items
   * of the array itself; use the entities for that.
   */
  write<T extends object>(type: ComponentType<T>): T[] {
    if (type.immutable) throw immutableError(type, 'query.write');
    const column = this.columnOf(type) as T[];
    const gate = this.host.writeGate;
    // Entities that join a query are marked changed as they join, so members
    // marked under the current mark stay marked until the world takes them.
    if (gate === -1 || this.markedUnder !== gate) {
      this.host.markWritten(this.entities, type.slot);
      this.markedUnder = gate === -1 ? 0 : gate;
    }
    return column;
  }

  /** @internal forgets the mark `write` set (the world's change marks start again) */
  resetWriteMark(): void {
    this.markedUnder = 0;
  }

  private columnOf(type: ComponentType<object>): object[] {
    const k = this.slots.indexOf(type.slot);
    if (k < 0) throw new Error(`This query is over ${this.types.map((t) => t.name).join(', ')}; it has no ${type.name} column`);
    let column = this.columns[k];
    if (column === undefined) {
      const slot = type.slot;
      column = this.entities.map((e) => e.slots[slot] as object);
      this.columns[k] = column;
      this.columnCount++;
    }
    return column;
  }

  has(entity: Entity): boolean {
    const h = entity.handle;
    if (h < 0 || h >= this.positions.length) return false;
    return this.entities[this.positions[h] as number] === entity;
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
