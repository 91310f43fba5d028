import type { Entity } from './entity';

/** What the journal needs from the world to put things back. */
export interface JournalHost {
  /** Undoes a creation: the entity leaves the world as if it never was. */
  forgetEntity(entity: Entity): void;
  /** Undoes a destruction: the entity, with its data, is back in the world and its queries. */
  reviveEntity(entity: Entity): void;
  /** Puts a component's data back (undefined: the entity did not have it). */
  restoreSlot(entity: Entity, slot: number, name: string | undefined, data: object | undefined): void;
}

interface SlotBefore {
  name: string | undefined;
  data: object | undefined;
}

/**
 * Records the world as it was before a transaction touched it: each
 * component's data at its first change (a deep copy), entities created and
 * destroyed. `rollback` puts all of it back exactly; `commit` forgets it.
 * Cost is proportional to what the transaction touched, not to the world.
 */
export class WorldJournal {
  private readonly slots = new Map<Entity, Map<number, SlotBefore>>();
  private readonly created = new Set<Entity>();
  private readonly destroyed: Entity[] = [];
  private closed = false;

  constructor(
    private readonly host: JournalHost,
    private readonly onClose: (journal: WorldJournal) => void,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  /** @internal called before a component slot of the entity changes */
  touch(entity: Entity, slot: number): void {
    if (this.created.has(entity)) return;
    let bySlot = this.slots.get(entity);
    if (!bySlot) {
      bySlot = new Map();
      this.slots.set(entity, bySlot);
    }
    if (bySlot.has(slot)) return;
    const data = entity.slots[slot];
    bySlot.set(slot, { name: entity.names[slot], data: data === undefined ? undefined : structuredClone(data) });
  }

  /** @internal */
  entityCreated(entity: Entity): void {
    this.created.add(entity);
  }

  /** @internal called before the entity is destroyed */
  entityDestroyed(entity: Entity): void {
    if (this.created.has(entity)) return;
    for (let slot = 0; slot < entity.slots.length; slot++) if (entity.slots[slot] !== undefined) this.touch(entity, slot);
    this.destroyed.push(entity);
  }

  /** How many component slots and entities the transaction touched. */
  get size(): number {
    let n = this.created.size + this.destroyed.length;
    for (const m of this.slots.values()) n += m.size;
    return n;
  }

  commit(): void {
    this.close();
  }

  rollback(): void {
    if (this.closed) return;
    this.close();
    for (const entity of [...this.created].reverse()) this.host.forgetEntity(entity);
    for (const entity of this.destroyed.reverse()) this.host.reviveEntity(entity);
    for (const [entity, bySlot] of this.slots) {
      for (const [slot, before] of bySlot) this.host.restoreSlot(entity, slot, before.name, before.data);
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}
