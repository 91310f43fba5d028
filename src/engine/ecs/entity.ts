import type { ComponentType } from './component';
import type { WorldJournal } from './journal';

/** What an entity needs from its world: keeping queries and change tracking current. */
export interface EntityHost {
  onComponentAdded(entity: Entity, slot: number): void;
  onComponentRemoved(entity: Entity, slot: number): void;
  markDirty(entity: Entity): void;
  /** Set while a transaction (a hot reload) may need to undo changes. */
  readonly journal: WorldJournal | undefined;
}

/**
 * A thing in the world: an id and its components' data, stored by the
 * component's process-wide slot so a reloaded definition finds its data.
 */
export class Entity {
  /** @internal component data by slot */
  readonly slots: (object | undefined)[] = [];
  /** @internal names of the components held, by slot (for serialisation) */
  readonly names: (string | undefined)[] = [];
  /** @internal set while the entity has unsaved changes */
  dirty = false;
  /** @internal false once destroyed */
  alive = true;

  constructor(
    readonly id: string,
    private readonly host: EntityHost,
    readonly key?: string,
  ) {}

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
    if (data === undefined) throw new Error(`Entity ${this.id} has no ${type.name} component`);
    return data as T;
  }

  /** Mutable access to the data, marking the entity changed (for hot loops). */
  write<T extends object>(type: ComponentType<T>): T {
    const data = this.slots[type.slot];
    if (data === undefined) throw new Error(`Entity ${this.id} has no ${type.name} component`);
    const journal = this.host.journal;
    if (journal !== undefined) journal.touch(this, type.slot);
    if (!this.dirty) this.host.markDirty(this);
    return data as T;
  }

  /** Adds the component; fields not given come from its defaults. Replaces an existing one. */
  add<T extends object>(type: ComponentType<T>, data?: Partial<T>): this {
    this.putData(type.slot, type.name, { ...type.defaults(), ...data });
    return this;
  }

  /** @internal stores data under a slot, keeping queries and change tracking current */
  putData(slot: number, name: string, data: object): void {
    const journal = this.host.journal;
    if (journal !== undefined) journal.touch(this, slot);
    const had = this.slots[slot] !== undefined;
    this.slots[slot] = data;
    this.names[slot] = name;
    if (!had) this.host.onComponentAdded(this, slot);
    if (!this.dirty) this.host.markDirty(this);
  }

  /** Replaces the data of a component the entity holds (or adds it). */
  set<T extends object>(type: ComponentType<T>, data: T): this {
    if (this.slots[type.slot] === undefined) return this.add(type, data);
    this.slots[type.slot] = data;
    if (!this.dirty) this.host.markDirty(this);
    return this;
  }

  /** Changes some fields of a held component. */
  update<T extends object>(type: ComponentType<T>, patch: Partial<T> | ((current: T) => Partial<T> | void)): T {
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
    this.names[type.slot] = undefined;
    if (!this.dirty) this.host.markDirty(this);
    return true;
  }

  /** Names of the components held. */
  componentNames(): string[] {
    return this.names.filter((n): n is string => n !== undefined);
  }

  /** Data by component name; identity is the name, so this works across reloads. */
  getByName(name: string): object | undefined {
    const i = this.names.indexOf(name);
    return i < 0 ? undefined : this.slots[i];
  }
}
