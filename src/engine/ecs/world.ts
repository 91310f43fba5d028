import { currentPack } from '../core/pack-context';
import { toDisposable, type Disposable } from '../core/disposable';
import { PackError } from '../core/errors';
import { componentSlot, componentSlotName, type ComponentType } from './component';
import { Entity, type EntityHost } from './entity';
import { EventBus, type EventErrorReporter } from './events';
import type { Query, QueryHost } from './query';
import { Lookups } from './lookups';
import { ChangeRecord } from './change-record';
import type { FieldIndex } from './field-index';
import { newEntityId } from './entity-id';
import { WorldJournal, type JournalHost } from './journal';

/** An entity as stored: component data by name, with the version it was written in. */
export interface EntitySnapshot {
  id: string;
  key?: string;
  components: Record<string, { version: number; data: unknown }>;
}

export interface WorldChanges {
  /** Entities changed since the last take, still alive. */
  changed: Entity[];
  /** Ids of entities destroyed since the last take. */
  destroyed: string[];
}

interface Registration {
  type: ComponentType<object>;
  owner: string;
}

export interface CreateEntityOptions {
  id?: string;
  /** A stable name for content-defined entities (rooms, NPC spawns), unique in the world. */
  key?: string;
}

const NO_OPTIONS: CreateEntityOptions = Object.freeze({});

/** The ECS world: entities, their components, cached queries and an event bus. */
export class World implements EntityHost, JournalHost, QueryHost {
  private openJournal: WorldJournal | undefined = undefined;

  /** The open journal, if a transaction is recording changes. */
  get journal(): WorldJournal | undefined {
    return this.openJournal;
  }

  set journal(journal: WorldJournal | undefined) {
    this.openJournal = journal;
    this.updateWriteGate();
  }
  readonly events: EventBus;
  private readonly entities = new Map<string, Entity>();
  private readonly byKey = new Map<string, Entity>();
  /** The cached queries and field indexes, kept current as components come and go. */
  private readonly lookups = new Lookups(this);
  /** Entity handles (small integers queries index by) given back by destroyed entities. */
  private readonly freeHandles: number[] = [];
  private nextHandle = 0;
  private readonly registry = new Map<string, Registration>();
  /** @internal what changed since persistence last took it (see takeChanges) */
  readonly changes = new ChangeRecord();

  /** @internal the epoch of the change record: an entity marked with it is dirty */
  get changeEpoch(): number {
    return this.changes.epoch;
  }

  /**
   * @internal The change mark an entity must hold for a write to need no
   * bookkeeping: the current epoch, or -1 (no mark) while a journal is open,
   * since then every first write of a slot must be recorded.
   */
  writeGate = 1;
  /** Whether a destroyed entity was ever given data (and so joined queries): then bulk marks may record it. */
  private deadInQueries = false;
  /** Versions of components seen in loaded snapshots whose definition is not registered (yet). */
  private readonly storedVersions = new Map<string, number>();
  private destroyed = new Set<string>();

  /** Where `send` delivers text; the engine connects it to the players' sessions. */
  output: (entityId: string, text: string) => boolean = () => false;
  /** Whether a player is connected to the entity. */
  isOnline: (entityId: string) => boolean = () => false;
  /** Where `sendData` delivers structured data; the engine connects it to the players' sessions. */
  dataOutput: (entityId: string, pkg: string, data: unknown) => boolean = () => false;

  constructor(reportEventError?: EventErrorReporter) {
    this.events = new EventBus(reportEventError);
  }

  /** Sends text to the player controlling the entity; false when nobody is connected to it. */
  send(entity: Entity | string, text: string): boolean {
    return this.output(typeof entity === 'string' ? entity : entity.id, text);
  }

  /**
   * Sends structured data beside the text (a GMCP message such as `Room.Info`
   * or `Char.Vitals`) to the player controlling the entity. False when nobody
   * is connected, or the player's client did not ask for that package.
   */
  sendData(entity: Entity | string, pkg: string, data?: unknown): boolean {
    return this.dataOutput(typeof entity === 'string' ? entity : entity.id, pkg, data);
  }

  // ---- entities ----

  createEntity(options: CreateEntityOptions = NO_OPTIONS): Entity {
    const id = options.id ?? newEntityId();
    if (this.entities.has(id)) throw new Error(`An entity with id ${id} already exists`);
    const key = options.key;
    if (key !== undefined && this.byKey.has(key)) throw new Error(`An entity with key "${key}" already exists`);
    const entity = new Entity(id, this, key);
    entity.handle = this.takeHandle();
    this.entities.set(id, entity);
    if (key !== undefined) this.byKey.set(key, entity);
    if (this.destroyed.size > 0) this.destroyed.delete(id);
    this.journal?.entityCreated(entity);
    this.markDirty(entity);
    return entity;
  }

  /** A free entity handle: one a destroyed entity gave back, else a new one. */
  private takeHandle(): number {
    return this.freeHandles.length > 0 ? (this.freeHandles.pop() as number) : this.nextHandle++;
  }

  /** The entity with this key, created and initialised by `init` if it does not exist yet. */
  ensureEntity(key: string, init?: (entity: Entity) => void): Entity {
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const entity = this.createEntity({ key });
    init?.(entity);
    return entity;
  }

  getEntity(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  findByKey(key: string): Entity | undefined {
    return this.byKey.get(key);
  }

  get entityCount(): number {
    return this.entities.size;
  }

  allEntities(): IterableIterator<Entity> {
    return this.entities.values();
  }

  destroyEntity(entityOrId: Entity | string): boolean {
    const entity = typeof entityOrId === 'string' ? this.entities.get(entityOrId) : entityOrId;
    if (!entity || !entity.alive) return false;
    this.journal?.entityDestroyed(entity);
    for (let slot = 0; slot < entity.slots.length; slot++) {
      if (entity.slots[slot] !== undefined) this.onComponentRemoved(entity, slot);
    }
    // Out of every query now, so its handle can serve a new entity.
    if (entity.handle >= 0) {
      this.freeHandles.push(entity.handle);
      entity.handle = -1;
    }
    entity.alive = false;
    if (entity.changeMark === this.changes.epoch) this.changes.noteDead();
    this.entities.delete(entity.id);
    if (entity.key !== undefined) this.byKey.delete(entity.key);
    this.destroyed.add(entity.id);
    this.events.emit('entity:destroyed', { entity });
    return true;
  }

  // ---- transactions ----

  /**
   * Starts recording changes so they can be undone exactly (a hot reload
   * does this). One journal at a time.
   */
  beginJournal(): WorldJournal {
    if (this.journal) throw new Error('A world journal is already open');
    const journal = new WorldJournal(this, (j) => {
      if (this.journal === j) this.journal = undefined;
    });
    this.journal = journal;
    return journal;
  }

  /** @internal */
  forgetEntity(entity: Entity): void {
    this.destroyEntity(entity);
    this.destroyed.delete(entity.id);
  }

  /** @internal */
  reviveEntity(entity: Entity): void {
    if (entity.alive) return;
    entity.alive = true;
    if (entity.handle < 0) entity.handle = this.takeHandle();
    this.entities.set(entity.id, entity);
    if (entity.key !== undefined) this.byKey.set(entity.key, entity);
    this.destroyed.delete(entity.id);
    for (let slot = 0; slot < entity.slots.length; slot++) if (entity.slots[slot] !== undefined) this.onComponentAdded(entity, slot);
    this.markDirty(entity);
  }

  /** @internal */
  restoreSlot(entity: Entity, slot: number, name: string | undefined, data: object | undefined): void {
    const current = (entity.slots[slot] !== undefined ? componentSlotName(slot) : undefined) ?? name;
    if (current === undefined) return;
    this.setComponentData(entity, current, data);
  }

  // ---- queries and indexes ----

  /** The live list of entities holding all of these components; cached per set of names. */
  query(...types: ComponentType<object>[]): Query {
    return this.lookups.query(types, this.entities);
  }

  /**
   * The entities holding a component, grouped by one field's value, kept
   * current as the component is added, replaced and removed (one index per
   * component and field, made on first use). The component must be defined
   * `immutable`, so that no change of its data escapes the index.
   */
  index<T extends object, K extends keyof T & string>(type: ComponentType<T>, field: K): FieldIndex<T, K> {
    return this.lookups.index(type, field, () => this.query(type).entities);
  }

  /** @internal */
  onComponentAdded(entity: Entity, slot: number): void {
    this.lookups.indexAdded(entity, slot);
    if (!this.lookups.hasQueries(slot)) return;
    // Data given to a destroyed entity still puts it in queries, as it always has; that takes a handle.
    if (!entity.alive) this.deadInQueries = true;
    if (entity.handle < 0) entity.handle = this.takeHandle();
    this.lookups.queriesAdded(entity, slot);
  }

  /** @internal */
  onComponentReplaced(entity: Entity, slot: number): void {
    this.lookups.replaced(entity, slot);
  }

  /** @internal */
  onComponentRemoved(entity: Entity, slot: number): void {
    this.lookups.removed(entity, slot);
  }

  // ---- change tracking (persistence reads this once a tick) ----

  /** @internal */
  markDirty(entity: Entity): void {
    this.changes.mark(entity);
  }

  /** @internal marks entities changed before their data of a slot is written in place (Query.write) */
  markWritten(entities: readonly Entity[], slot: number): void {
    const journal = this.journal;
    if (journal !== undefined) for (let i = 0; i < entities.length; i++) journal.touch(entities[i] as Entity, slot);
    const changes = this.changes;
    // Every live entity is marked already: nothing to add.
    if (changes.allAlive && changes.size === this.entities.size) return;
    changes.markAll(entities);
    // Query members are alive, unless a destroyed entity was given data (see onComponentAdded).
    if (this.deadInQueries) changes.noteDead();
  }

  private updateWriteGate(): void {
    this.writeGate = this.openJournal === undefined ? this.changes.epoch : -1;
  }

  /** Everything changed since the last call, and clears the record. */
  takeChanges(): WorldChanges {
    const changed = this.changes.take();
    if (this.changes.epoch === 1) {
      // The epochs wrapped round: no live entity or query may keep an old mark that could come round again.
      for (const e of this.entities.values()) e.changeMark = 0;
      this.lookups.resetWriteMarks();
    }
    this.updateWriteGate();
    return { changed, destroyed: this.takeDestroyed() };
  }

  private takeDestroyed(): string[] {
    if (this.destroyed.size === 0) return [];
    const destroyed = [...this.destroyed];
    this.destroyed = new Set();
    return destroyed;
  }

  // ---- component definitions ----

  /**
   * Registers a component definition under its name. A name is owned by one
   * pack at a time; the returned disposable releases it.
   */
  registerComponent(type: ComponentType<object>, owner = currentPack()?.packName ?? 'engine'): Disposable {
    const existing = this.registry.get(type.name);
    if (existing && existing.owner !== owner) {
      throw new PackError(`Component "${type.name}" of pack "${owner}" clashes with the one of pack "${existing.owner}"`, owner);
    }
    const registration: Registration = { type, owner };
    this.registry.set(type.name, registration);
    return toDisposable(() => {
      if (this.registry.get(type.name) === registration) this.registry.delete(type.name);
    });
  }

  /** The registered definition for a component name. */
  componentType(name: string): ComponentType<object> | undefined {
    return this.registry.get(name)?.type;
  }

  componentOwner(name: string): string | undefined {
    return this.registry.get(name)?.owner;
  }

  registeredComponents(): ComponentType<object>[] {
    return [...this.registry.values()].map((r) => r.type);
  }

  // ---- serialisation ----

  /** The entity's data by component name, with each registered component's version (1 if unknown). */
  snapshotEntity(entity: Entity): EntitySnapshot {
    const components: EntitySnapshot['components'] = {};
    for (let slot = 0; slot < entity.slots.length; slot++) {
      const data = entity.slots[slot];
      if (data === undefined) continue;
      const name = componentSlotName(slot);
      if (name === undefined) continue;
      components[name] = { version: this.registry.get(name)?.type.version ?? this.storedVersions.get(name) ?? 1, data };
    }
    return { id: entity.id, ...(entity.key !== undefined ? { key: entity.key } : {}), components };
  }

  /** Recreates an entity from a snapshot (persistence load), data taken as is. */
  restoreEntity(snapshot: EntitySnapshot): Entity {
    const entity = this.entities.get(snapshot.id) ?? this.createEntity({ id: snapshot.id, ...(snapshot.key !== undefined ? { key: snapshot.key } : {}) });
    for (const [name, stored] of Object.entries(snapshot.components)) {
      if (!this.registry.has(name)) this.storedVersions.set(name, stored.version);
      entity.putData(componentSlot(name), name, stored.data as object);
    }
    return entity;
  }

  /** Sets or clears a component's data by name (migrations and rollback use this). */
  setComponentData(entity: Entity, name: string, data: object | undefined): void {
    const slot = componentSlot(name);
    if (data === undefined) {
      if (entity.slots[slot] === undefined) return;
      this.onComponentRemoved(entity, slot);
      entity.slots[slot] = undefined;
      if (!entity.dirty) this.markDirty(entity);
    } else {
      entity.putData(slot, name, data);
    }
  }

  /** Entities holding a component, by name. */
  entitiesWith(name: string): Entity[] {
    // A registered component has a cached query; only data of unknown components needs a scan.
    const type = this.registry.get(name)?.type;
    if (type) return this.query(type).toArray();
    const slot = componentSlot(name);
    const out: Entity[] = [];
    for (const e of this.entities.values()) if (e.slots[slot] !== undefined) out.push(e);
    return out;
  }
}
