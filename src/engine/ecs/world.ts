import { randomUUID } from 'node:crypto';
import { currentPack } from '../core/pack-context';
import { toDisposable, type Disposable } from '../core/disposable';
import { PackError } from '../core/errors';
import { componentSlot, type ComponentType } from './component';
import { Entity, type EntityHost } from './entity';
import { EventBus, type EventErrorReporter } from './events';
import { Query } from './query';
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

/** The ECS world: entities, their components, cached queries and an event bus. */
export class World implements EntityHost, JournalHost {
  /** The open journal, if a transaction is recording changes. */
  journal: WorldJournal | undefined;
  readonly events: EventBus;
  private readonly entities = new Map<string, Entity>();
  private readonly byKey = new Map<string, Entity>();
  private readonly queries = new Map<string, Query>();
  private readonly queriesBySlot: Query[][] = [];
  private readonly registry = new Map<string, Registration>();
  private changed: Entity[] = [];
  /** Versions of components seen in loaded snapshots whose definition is not registered (yet). */
  private readonly storedVersions = new Map<string, number>();
  private destroyed = new Set<string>();

  /** Where `send` delivers text; the engine connects it to the players' sessions. */
  output: (entityId: string, text: string) => boolean = () => false;
  /** Whether a player is connected to the entity. */
  isOnline: (entityId: string) => boolean = () => false;

  constructor(reportEventError?: EventErrorReporter) {
    this.events = new EventBus(reportEventError);
  }

  /** Sends text to the player controlling the entity; false when nobody is connected to it. */
  send(entity: Entity | string, text: string): boolean {
    return this.output(typeof entity === 'string' ? entity : entity.id, text);
  }

  // ---- entities ----

  createEntity(options: CreateEntityOptions = {}): Entity {
    const id = options.id ?? randomUUID();
    if (this.entities.has(id)) throw new Error(`An entity with id ${id} already exists`);
    if (options.key !== undefined && this.byKey.has(options.key)) throw new Error(`An entity with key "${options.key}" already exists`);
    const entity = new Entity(id, this, options.key);
    this.entities.set(id, entity);
    if (options.key !== undefined) this.byKey.set(options.key, entity);
    this.destroyed.delete(id);
    this.journal?.entityCreated(entity);
    this.markDirty(entity);
    return entity;
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
    entity.alive = false;
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
    this.entities.set(entity.id, entity);
    if (entity.key !== undefined) this.byKey.set(entity.key, entity);
    this.destroyed.delete(entity.id);
    for (let slot = 0; slot < entity.slots.length; slot++) if (entity.slots[slot] !== undefined) this.onComponentAdded(entity, slot);
    this.markDirty(entity);
  }

  /** @internal */
  restoreSlot(entity: Entity, slot: number, name: string | undefined, data: object | undefined): void {
    const current = entity.names[slot] ?? name;
    if (current === undefined) return;
    this.setComponentData(entity, current, data);
  }

  // ---- queries ----

  /** The live list of entities holding all of these components; cached per set of names. */
  query(...types: ComponentType<object>[]): Query {
    if (types.length === 0) throw new Error('query() needs at least one component');
    const key = types.map((t) => t.slot).sort((a, b) => a - b).join(',');
    let q = this.queries.get(key);
    if (q) return q;
    q = new Query(types);
    this.queries.set(key, q);
    for (const slot of q.slots) (this.queriesBySlot[slot] ??= []).push(q);
    // Seed from the smallest existing query on one of its components, else all entities.
    for (const entity of this.entities.values()) if (q.matches(entity)) q.include(entity);
    return q;
  }

  /** @internal */
  onComponentAdded(entity: Entity, slot: number): void {
    const qs = this.queriesBySlot[slot];
    if (qs) for (const q of qs) if (q.matches(entity)) q.include(entity);
  }

  /** @internal */
  onComponentRemoved(entity: Entity, slot: number): void {
    const qs = this.queriesBySlot[slot];
    if (qs) for (const q of qs) q.exclude(entity);
  }

  // ---- change tracking (persistence reads this once a tick) ----

  /** @internal */
  markDirty(entity: Entity): void {
    entity.dirty = true;
    this.changed.push(entity);
  }

  /** Everything changed since the last call, and clears the record. */
  takeChanges(): WorldChanges {
    const changed = this.changed.filter((e) => e.alive);
    for (const e of this.changed) e.dirty = false;
    this.changed = [];
    const destroyed = [...this.destroyed];
    this.destroyed = new Set();
    return { changed, destroyed };
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
      const name = entity.names[slot];
      if (data === undefined || name === undefined) continue;
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
      entity.names[slot] = undefined;
      if (!entity.dirty) this.markDirty(entity);
    } else {
      entity.putData(slot, name, data);
    }
  }

  /** Entities holding a component, by name. */
  entitiesWith(name: string): Entity[] {
    const slot = componentSlot(name);
    const out: Entity[] = [];
    for (const e of this.entities.values()) if (e.slots[slot] !== undefined) out.push(e);
    return out;
  }
}
