import type { ComponentType } from './component';
import type { Entity } from './entity';
import { grownToFit } from './positions';

/**
 * The entities holding a component, grouped by the value of one of its
 * fields: `world.index(Location, 'room').get('town-square')` is everything
 * in the town square, found without looking at anything else. Kept current
 * as the component is added, replaced and removed; that is every change,
 * because the component must be defined `immutable` (its data is replaced
 * with `set` or `update`, never changed in place).
 */
export class FieldIndex<T extends object, K extends keyof T & string = keyof T & string> {
  private readonly buckets = new Map<unknown, Entity[]>();
  /** Each member's bucket key and its position in the bucket, by entity handle. */
  private readonly keys: unknown[] = [];
  private positions = new Int32Array(16);

  /** @internal made by World.index */
  constructor(
    readonly type: ComponentType<T>,
    readonly field: K,
  ) {}

  /** The entities whose data has this value in the field (a live list: do not modify it). */
  get(value: T[K]): readonly Entity[] {
    return this.buckets.get(value) ?? NONE;
  }

  /** How many different values the field has among the entities. */
  get size(): number {
    return this.buckets.size;
  }

  /** @internal the entity's data for the component is new, replaced or gone: file it again */
  update(entity: Entity): void {
    this.remove(entity);
    const data = entity.slots[this.type.slot] as T | undefined;
    const h = entity.handle;
    if (data === undefined || h < 0) return;
    const value = data[this.field];
    if (value === undefined) return;
    let bucket = this.buckets.get(value);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(value, bucket);
    }
    if (h >= this.positions.length) this.positions = grownToFit(this.positions, h);
    this.keys[h] = value;
    this.positions[h] = bucket.length;
    bucket.push(entity);
  }

  /** @internal the entity is no longer filed under any value */
  remove(entity: Entity): void {
    const h = entity.handle;
    if (h < 0 || h >= this.keys.length) return;
    const value = this.keys[h];
    if (value === undefined) return;
    const bucket = this.buckets.get(value);
    const i = this.positions[h] as number;
    if (bucket === undefined || bucket[i] !== entity) return;
    const last = bucket.pop() as Entity;
    if (last !== entity) {
      bucket[i] = last;
      this.positions[last.handle] = i;
    }
    if (bucket.length === 0) this.buckets.delete(value);
    this.keys[h] = undefined;
  }
}

const NONE: readonly Entity[] = Object.freeze([]);
