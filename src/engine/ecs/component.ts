/** JSON-serialisable component data. */
export type ComponentData = Record<string, unknown>;

export interface ComponentSpec<T extends object> {
  /** The identity of the component: data is stored, migrated and persisted by this name. */
  name: string;
  /** Raised when the data's shape changes; migrations carry old data forward. */
  version?: number;
  /** A fresh default value; `entity.add` fills missing fields from it. */
  defaults: () => T;
  description?: string;
  /**
   * Data that is replaced, never changed in place: `entity.set` and
   * `entity.update` work, `entity.write` and `query.write` refuse. Every
   * change then goes through the world, so it can be indexed by a field
   * (`world.index`).
   */
  immutable?: boolean;
}

/** A component definition. Two definitions with the same name are the same component. */
export interface ComponentType<T extends object = ComponentData> {
  readonly name: string;
  readonly version: number;
  readonly defaults: () => T;
  readonly description?: string;
  /** Its data is replaced, never changed in place (see ComponentSpec.immutable). */
  readonly immutable: boolean;
  /** Slot index for this name, stable for the whole process (internal). */
  readonly slot: number;
}

// Names map to slots once per process, so a definition re-created by a reload
// lands in the same slot and finds the data its predecessor left. The table
// only grows with distinct component names, never with reloads.
const slotsByName = new Map<string, number>();
const namesBySlot: string[] = [];

export function componentSlot(name: string): number {
  let slot = slotsByName.get(name);
  if (slot === undefined) {
    slot = slotsByName.size;
    slotsByName.set(name, slot);
    namesBySlot.push(name);
  }
  return slot;
}

/**
 * A new empty plain object for a component's data. It is an ordinary object
 * (its prototype is Object.prototype, like `{}`'s), but made by a constructor
 * of the slot's own, so the data of each component starts its own family of
 * hidden classes instead of sharing `{}`'s with every other object in the
 * process. Shared ones get their field types widened by unrelated code (any
 * `o = {}; o.value = 'text'` anywhere), after which every number written into
 * component data is boxed, i.e. each write allocates.
 */
export function emptyComponentData(slot: number): object {
  let make = dataConstructors[slot];
  if (make === undefined) {
    make = dataConstructor();
    dataConstructors[slot] = make;
  }
  return new make();
}

const dataConstructors: (new () => object)[] = [];

function dataConstructor(): new () => object {
  const make = function ComponentData() {} as unknown as new () => object;
  make.prototype = Object.prototype;
  return make;
}

/** The slot of a component name, without allocating one for a name never seen. */
export function existingComponentSlot(name: string): number | undefined {
  return slotsByName.get(name);
}

/** The component name a slot belongs to (every slot has exactly one). */
export function componentSlotName(slot: number): string | undefined {
  return namesBySlot[slot];
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export function defineComponent<T extends object>(spec: ComponentSpec<T>): ComponentType<T> {
  if (typeof spec?.name !== 'string' || !NAME_PATTERN.test(spec.name)) {
    throw new TypeError(`defineComponent: name must start with a letter and hold letters, digits, "_", "." or "-" (got ${JSON.stringify(spec?.name)})`);
  }
  const version = spec.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new TypeError(`defineComponent(${spec.name}): version must be a positive integer (got ${String(spec.version)})`);
  }
  if (typeof spec.defaults !== 'function') {
    throw new TypeError(`defineComponent(${spec.name}): defaults must be a function returning a fresh value`);
  }
  return Object.freeze({
    name: spec.name,
    version,
    defaults: spec.defaults,
    immutable: spec.immutable === true,
    slot: componentSlot(spec.name),
    ...(spec.description ? { description: spec.description } : {}),
  });
}

export function isComponentType(value: unknown): value is ComponentType {
  const v = value as ComponentType | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.version === 'number' && typeof v.defaults === 'function' && typeof v.slot === 'number';
}

/** The error for changing an immutable component's data in place. */
export function immutableError(type: ComponentType<object>, how: string): TypeError {
  return new TypeError(`${how}(${type.name}): ${type.name} is immutable (defined with immutable: true); replace its data with entity.set() or entity.update()`);
}
