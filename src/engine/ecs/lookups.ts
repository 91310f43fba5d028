import type { ComponentType } from './component';
import type { Entity } from './entity';
import { FieldIndex } from './field-index';
import { Query, type QueryHost } from './query';

/**
 * The world's cached queries and field indexes, filed under each component
 * slot they involve, so a component coming, going or being replaced reaches
 * exactly the lookups that care about it.
 */
export class Lookups {
  /** Every cached query, under each slot it involves. */
  private readonly queriesBySlot: Query[][] = [];
  /** Every field index, under its component's slot. */
  private readonly indexesBySlot: FieldIndex<object>[][] = [];

  constructor(private readonly host: QueryHost) {}

  /** The query over these components, made (from the world's entities) on first use. */
  query(types: readonly ComponentType<object>[], entities: ReadonlyMap<string, Entity>): Query {
    const cached = this.cachedQuery(types);
    if (cached) return cached;
    const q = new Query(types, this.host);
    for (const slot of q.slots) (this.queriesBySlot[slot] ??= []).push(q);
    for (const entity of entities.values()) if (q.matches(entity)) q.include(entity);
    return q;
  }

  /** The index of a component by a field, made (from its holders) on first use. */
  index<T extends object, K extends keyof T & string>(type: ComponentType<T>, field: K, holders: () => readonly Entity[]): FieldIndex<T, K> {
    if (!type.immutable) {
      throw new Error(`world.index(${type.name}, '${field}'): ${type.name} must be defined with immutable: true, so every change of its data goes through set() or update() and the index sees it`);
    }
    const indexes = (this.indexesBySlot[type.slot] ??= []);
    const existing = indexes.find((i) => i.field === field);
    if (existing) return existing as unknown as FieldIndex<T, K>;
    const index = new FieldIndex(type, field);
    for (const entity of holders()) index.update(entity);
    indexes.push(index as unknown as FieldIndex<object>);
    return index;
  }

  hasQueries(slot: number): boolean {
    return this.queriesBySlot[slot] !== undefined;
  }

  /** The entity has data for the slot now: the indexes on it file it. */
  indexAdded(entity: Entity, slot: number): void {
    const indexes = this.indexesBySlot[slot];
    if (indexes !== undefined) for (let i = 0; i < indexes.length; i++) (indexes[i] as FieldIndex<object>).update(entity);
  }

  /** The entity has data for the slot now: the queries on it that it matches take it in. */
  queriesAdded(entity: Entity, slot: number): void {
    const qs = this.queriesBySlot[slot];
    if (qs === undefined) return;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i] as Query;
      if (q.matches(entity)) q.include(entity);
    }
  }

  /** The entity's data for the slot is another object now. */
  replaced(entity: Entity, slot: number): void {
    this.indexAdded(entity, slot);
    const qs = this.queriesBySlot[slot];
    if (qs === undefined) return;
    for (let i = 0; i < qs.length; i++) (qs[i] as Query).replaced(entity, slot);
  }

  /** The entity no longer has data for the slot. */
  removed(entity: Entity, slot: number): void {
    const indexes = this.indexesBySlot[slot];
    if (indexes !== undefined) for (let i = 0; i < indexes.length; i++) (indexes[i] as FieldIndex<object>).remove(entity);
    const qs = this.queriesBySlot[slot];
    if (qs === undefined) return;
    for (let i = 0; i < qs.length; i++) (qs[i] as Query).exclude(entity);
  }

  /** The world's change marks start again: no query may keep an old one. */
  resetWriteMarks(): void {
    for (const qs of this.queriesBySlot) if (qs !== undefined) for (const q of qs) q.resetWriteMark();
  }

  /**
   * The cached query over exactly these components (the same slots, in any
   * order), found among the queries on the first one's slot: no key to build.
   */
  private cachedQuery(types: readonly ComponentType<object>[]): Query | undefined {
    const n = types.length;
    if (n === 0) throw new Error('query() needs at least one component');
    const candidates = this.queriesBySlot[(types[0] as ComponentType<object>).slot];
    if (candidates === undefined) return undefined;
    if (n === 1) {
      for (let i = 0; i < candidates.length; i++) {
        const q = candidates[i] as Query;
        if (q.sortedSlots.length === 1) return q;
      }
      return undefined;
    }
    const wanted = types.map((t) => t.slot).sort((a, b) => a - b);
    outer: for (let i = 0; i < candidates.length; i++) {
      const q = candidates[i] as Query;
      const have = q.sortedSlots;
      if (have.length !== n) continue;
      for (let k = 0; k < n; k++) if (have[k] !== wanted[k]) continue outer;
      return q;
    }
    return undefined;
  }
}
