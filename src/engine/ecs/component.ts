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
}

/** A component definition. Two definitions with the same name are the same component. */
export interface ComponentType<T extends object = ComponentData> {
  readonly name: string;
  readonly version: number;
  readonly defaults: () => T;
  readonly description?: string;
  /** Slot index for this name, stable for the whole process (internal). */
  readonly slot: number;
}

// Names map to slots once per process, so a definition re-created by a reload
// lands in the same slot and finds the data its predecessor left. The table
// only grows with distinct component names, never with reloads.
const slotsByName = new Map<string, number>();

export function componentSlot(name: string): number {
  let slot = slotsByName.get(name);
  if (slot === undefined) {
    slot = slotsByName.size;
    slotsByName.set(name, slot);
  }
  return slot;
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
    slot: componentSlot(spec.name),
    ...(spec.description ? { description: spec.description } : {}),
  });
}

export function isComponentType(value: unknown): value is ComponentType {
  const v = value as ComponentType | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.version === 'number' && typeof v.defaults === 'function' && typeof v.slot === 'number';
}
