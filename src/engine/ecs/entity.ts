import { componentSlotName, emptyComponentData, existingComponentSlot, immutableError, type ComponentType } from './component';
import type { WorldJournal } from './journal';

/** What an entity needs from its world: keeping queries and change tracking current. */
export interface EntityHost {
  onComponentAdded(entity: Entity, slot: number): void;
  onComponentRemoved(entity: Entity, slot: number): void;
  /** The entity's data for a slot it already held is now another object. */
  onComponentReplaced(entity: Entity, slot: number): void;
  markDirty(entity: Entity): void;
  /** Numbers the world's change records: an entity marked in the current one is dirty. */
  readonly changeEpoch: number;
  /** The mark that lets a write skip all bookkeeping (see World.writeGate). */
  readonly writeGate: number;
  /** Set while a transaction (a hot reload) may need to undo changes. */
  readonly journal: WorldJournal | undefined;
}

const hasOwn = Object.hasOwn;

/**
 * A fresh data object holding the defaults overlaid with `data`: what
 * `{ ...defaults, ...data }` gives (a plain object, same keys, same order),
 * built by Object.assign onto the slot's own kind of empty object so numbers
 * written into it later are stored in place (see emptyComponentData; objects
 * made by a spread literal box them, so every write would allocate). A source
 * with an own `__proto__` key still goes through the spread, so that key stays
 * an own property and never becomes the object's prototype.
 */
function withDefaults(slot: number, defaults: object, data: object | undefined): object {
  if (hasOwn(defaults, '__proto__') || (data != null && hasOwn(data, '__proto__'))) return { ...defaults, ...data };
  return Object.assign(emptyComponentData(slot), defaults, data);
}

function missing(entity: Entity, type: ComponentType<object>): Error {
  return new Error(`Entity ${entity.id} has no ${type.name} component`);
}

/**
 * A thing in the world: an id and its components' data, stored by the
 * component's process-wide slot so a reloaded definition finds its data.
 */
export class Entity {
  /** @internal component data by slot */
  readonly slots: (object | undefined)[] = [];
  /** @internal the change record (epoch) the entity was last marked changed in */
  changeMark = 0;
  /** @internal false once destroyed */
  alive = true;
  /** @internal the world's small-integer handle for this entity (queries index by it); -1 when it has none */
  handle = -1;

  constructor(
    readonly id: string,
    private readonly host: EntityHost,
    readonly key?: string,
  ) {}

  /** @internal set while the entity has unsaved changes (marked in the world's current change record) */
  get dirty(): boolean {
    return this.changeMark === this.host.changeEpoch;
  }

  /** @internal names of the components held, by slot (for serialisation) */
  get names(): (string | undefined)[] {
    const names: (string | undefined)[] = [];
    for (let slot = 0; slot < this.slots.length; slot++) names.push(this.slots[slot] === undefined ? undefined : componentSlotName(slot));
    return names;
  }

  has(type: ComponentType<object>): boolean {
    return this.slots[type.slot] !== undefined;
  }

  /** The component's data, or undefined. Change it through set/update/write so it is saved. */
  get<T extends object>(type: ComponentType<T>): Readonly<T> | undefined {
    return this.slots[type.slot] as T | undefined;
  }

  /** Like get, for data that must be there: throws a clear error when it is not. */
  require<T extends object>(type: ComponentType<T>): Readonly<T> {
    const data = this.slots[type.slot];
    if (data === undefined) throw missing(this, type);
    return data as T;
  }

  /** Mutable access to the data, marking the entity changed (for hot loops). */
  write<T extends object>(type: ComponentType<T>): T {
    // The common case (data there, already marked, no journal) is kept tiny so
    // it inlines into system loops; everything else is in writeSlow.
    const data = this.slots[type.slot];
    if (data !== undefined && this.changeMark === this.host.writeGate && !type.immutable) return data as T;
    return this.writeSlow(type, data);
  }

  private writeSlow<T extends object>(type: ComponentType<T>, data: object | undefined): T {
    if (type.immutable) throw immutableError(type, 'entity.write');
    if (data === undefined) throw missing(this, type);
    const journal = this.host.journal;
    if (journal !== undefined) journal.touch(this, type.slot);
    if (!this.dirty) this.host.markDirty(this);
    return data as T;
  }

  /** Adds the component; fields not given come from its defaults. Replaces an existing one. */
  add<T extends object>(type: ComponentType<T>, data?: Partial<T>): this {
    this.putData(type.slot, type.name, withDefaults(type.slot, type.defaults(), data));
    return this;
  }

  /**
   * @internal stores data under a slot, keeping queries and change tracking
   * current. The name is the slot's own (a slot belongs to one name).
   */
  putData(slot: number, _name: string, data: object): void {
    const journal = this.host.journal;
    if (journal !== undefined) journal.touch(this, slot);
    const had = this.slots[slot] !== undefined;
    this.slots[slot] = data;
    if (!had) this.host.onComponentAdded(this, slot);
    else this.host.onComponentReplaced(this, slot);
    if (!this.dirty) this.host.markDirty(this);
  }

  /** Replaces the data of a component the entity holds (or adds it). */
  set<T extends object>(type: ComponentType<T>, data: T): this {
    if (this.slots[type.slot] === undefined) return this.add(type, data);
    const journal = this.host.journal;
    if (journal !== undefined) journal.touch(this, type.slot);
    this.slots[type.slot] = data;
    this.host.onComponentReplaced(this, type.slot);
    if (!this.dirty) this.host.markDirty(this);
    return this;
  }

  /** Changes some fields of a held component. */
  update<T extends object>(type: ComponentType<T>, patch: Partial<T> | ((current: T) => Partial<T> | void)): T {
    if (type.immutable) {
      // Immutable data is replaced by a changed copy, never changed in place.
      const current = this.require(type) as T;
      const change = typeof patch === 'function' ? patch({ ...current }) : patch;
      if (!change) return current;
      const next = { ...current, ...change };
      this.set(type, next);
      return next;
    }
    const current = this.write(type);
    const change = typeof patch === 'function' ? patch(current) : patch;
    if (change) Object.assign(current, change);
    return current;
  }

  remove(type: ComponentType<object>): boolean {
    if (this.slots[type.slot] === undefined) return false;
    const journal = this.host.journal;
    if (journal !== undefined) journal.touch(this, type.slot);
    this.host.onComponentRemoved(this, type.slot);
    this.slots[type.slot] = undefined;
    if (!this.dirty) this.host.markDirty(this);
    return true;
  }

  /** Names of the components held. */
  componentNames(): string[] {
    const names: string[] = [];
    for (let slot = 0; slot < this.slots.length; slot++) {
      if (this.slots[slot] === undefined) continue;
      const name = componentSlotName(slot);
      if (name !== undefined) names.push(name);
    }
    return names;
  }

  /** Data by component name; identity is the name, so this works across reloads. */
  getByName(name: string): object | undefined {
    const slot = existingComponentSlot(name);
    return slot === undefined ? undefined : this.slots[slot];
  }
}
