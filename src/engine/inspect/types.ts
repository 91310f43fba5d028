/**
 * The world as an inspector sees it (the studio's World panel): pages of
 * entities, one entity's components, edits and their inverses, and the
 * deltas of a watched entity. Plain data: every value crosses the link.
 */

/** A field inside a component's data: keys of objects, indexes of lists. */
export type FieldPath = (string | number)[];

export type InspectEdit =
  /** One field's value; the field must exist and the value be of its default's JSON kind. */
  | { op: 'set'; entity: string; component: string; path: FieldPath; value: unknown }
  /** A component from its defaults, or (`data`, an undo of a removal) with exactly that data. */
  | { op: 'add'; entity: string; component: string; data?: Record<string, unknown> }
  | { op: 'remove'; entity: string; component: string }
  | { op: 'destroy'; entity: string }
  /** An entity destroyed, brought back with its id, key and data (the undo of a destroy). */
  | { op: 'restore'; entity: string; key?: string; components: Record<string, Record<string, unknown>> };

export interface EntityListRequest {
  /** Part of the entity's name, key or id (case does not matter). */
  search?: string;
  /** Component names the entity must hold, and `not X` (or `!X`) for those it must not: `Health Location not Player`. */
  query?: string;
  /** Only what stands in this room (qualified key): the Map panel's click on a room. */
  room?: string;
  offset?: number;
  limit?: number;
}

export interface EntityListItem {
  id: string;
  key?: string;
  /** The first `name` a component of it holds (Player, Describable, Room), or ''. */
  name: string;
  components: string[];
}

export interface EntityPage {
  /** How many entities match, over every page. */
  total: number;
  offset: number;
  items: EntityListItem[];
}

export interface ComponentView {
  name: string;
  version: number;
  /** The pack that defines it now; undefined when no loaded pack does (its data is kept, not editable). */
  pack?: string;
  data: unknown;
}

export interface EntityView {
  id: string;
  key?: string;
  name: string;
  components: ComponentView[];
  /** Components defined now that the entity does not hold (what "add component" offers). */
  addable: string[];
}

export interface EditResult {
  /** What was done, in a sentence: `Set Health.current of Wren to 7 (was 100)`. */
  summary: string;
  /** The edit that puts things back as they were. */
  inverse: InspectEdit;
  entity: string;
  /** The pack owning the component edited (none for a destroy). */
  pack?: string;
  /** The entity after the edit; undefined when it no longer exists. */
  view?: EntityView;
}

/** What changed on a watched entity in one tick: only the components that changed. */
export interface EntityDelta {
  entity: string;
  tick: number;
  /** Components added or changed, whole. */
  changed: ComponentView[];
  removed: string[];
  destroyed?: true;
}

/** Why an inspector call was refused: `not-found` (the entity is gone), `refused` (a bad edit, a reload running). */
export class InspectError extends Error {
  constructor(
    readonly kind: 'not-found' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'InspectError';
  }
}
