import type { Entity } from './entity';

/** Most entries a record is pre-sized for (larger arrays made by `new Array(n)` are slow ones). */
const PRESIZE_LIMIT = 16_384;
/** The shortest list worth compacting. */
const COMPACT_MIN = 1024;
/** Epochs wrap before they stop being small integers. */
const EPOCH_LIMIT = 2 ** 30;

/**
 * The entities changed since the record was last taken (persistence takes
 * it once a tick). An entity is marked while its `changeMark` equals the
 * record's epoch, and is listed once, at its first mark; taking the record
 * starts a new epoch, which unmarks every entity at once.
 */
export class ChangeRecord {
  /** The current epoch: a small positive integer. */
  epoch = 1;
  private list: Entity[] = [];
  private count = 0;
  /** How many entries the next list is made with (as many as the last one had). */
  private room = 0;
  /** Whether the list may hold destroyed entities (taking it then leaves them out). */
  private hasDead = false;
  /**
   * The length at which a list holding destroyed entities is compacted, so
   * a world whose changes nobody takes (no persistence) does not keep every
   * entity it ever destroyed.
   */
  private compactAt = COMPACT_MIN;

  /** How many entities are listed. */
  get size(): number {
    return this.count;
  }

  /** True when every listed entity is alive, so `size` counts live entities. */
  get allAlive(): boolean {
    return !this.hasDead;
  }

  /** Notes that a listed entity was destroyed (or a destroyed one listed). */
  noteDead(): void {
    this.hasDead = true;
  }

  /** Lists an entity that is not marked yet. */
  mark(entity: Entity): void {
    if (this.count >= this.compactAt && this.hasDead) this.compact();
    entity.changeMark = this.epoch;
    if (!entity.alive) this.hasDead = true;
    if (this.count === 0) this.list = new Array<Entity>(this.room);
    this.list[this.count++] = entity;
  }

  /** Lists those of these (live) entities that are not marked yet. */
  markAll(entities: readonly Entity[]): void {
    const epoch = this.epoch;
    if (this.count === 0) {
      // Nothing is marked: the list is a copy of these (a native copy), then each is marked.
      this.list = entities.slice();
      this.count = entities.length;
      for (let i = 0; i < entities.length; i++) (entities[i] as Entity).changeMark = epoch;
      return;
    }
    if (this.count >= this.compactAt && this.hasDead) this.compact();
    const list = this.list;
    let count = this.count;
    for (let i = 0; i < entities.length; i++) {
      const entity = entities[i] as Entity;
      if (entity.changeMark === epoch) continue;
      entity.changeMark = epoch;
      list[count++] = entity;
    }
    this.count = count;
  }

  /**
   * The listed entities still alive, in the order they were first marked,
   * and a new epoch with nothing marked. After the epochs wrap round the
   * epoch is 1 again, and the caller must clear every entity's mark.
   */
  take(): Entity[] {
    const n = this.count;
    if (n === 0) {
      this.nextEpoch();
      return [];
    }
    // The list itself is handed out; the next one is made at the first mark,
    // with room for as many (so marking does not regrow it), or copied whole.
    const taken = this.list;
    this.list = [];
    this.room = Math.min(n, PRESIZE_LIMIT);
    this.count = 0;
    this.nextEpoch();
    if (this.hasDead) {
      this.hasDead = false;
      taken.length = keepAlive(taken, n);
    } else {
      taken.length = n;
    }
    this.compactAt = COMPACT_MIN;
    return taken;
  }

  /** Drops destroyed entities from the list, and lets it grow to twice what is left before the next time. */
  private compact(): void {
    this.count = keepAlive(this.list, this.count);
    this.list.length = this.count;
    this.hasDead = false;
    this.compactAt = Math.max(COMPACT_MIN, 2 * this.count);
  }

  private nextEpoch(): void {
    if (++this.epoch >= EPOCH_LIMIT) this.epoch = 1;
  }
}

/** Moves the live entities among the first n to the front, in order; returns how many there are. */
function keepAlive(list: Entity[], n: number): number {
  let alive = 0;
  for (let i = 0; i < n; i++) {
    const e = list[i] as Entity;
    if (e.alive) list[alive++] = e;
  }
  return alive;
}
