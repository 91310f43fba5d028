// What the World panel shows, and the pure functions that fold the host's
// answers and live deltas into it. No I/O here (see world-actions.ts).

import type { ComponentView, EntityDelta, EntityListItem, EntityView, FieldPath } from '../../shared/model';

/** Rows fetched at a time; the list asks for the pages it scrolls to. */
export const PAGE_SIZE = 200;

export interface WorldState {
  search: string;
  query: string;
  /** Only what stands in this room (a room clicked on the map); undefined: anywhere. */
  room?: string;
  /** Entities matching, over every page; undefined until the first page came. */
  total?: number;
  /** Rows by page number; a page not here is fetched when it scrolls into view. */
  pages: Record<number, EntityListItem[]>;
  /** Why the list cannot be shown (a query that cannot be read, no engine). */
  listError?: string;
  /** Bumped when the search or query changes, so answers to older ones are dropped. */
  listSeq: number;
  selected?: string;
  view?: EntityView;
  /** The selected entity was destroyed (while shown). */
  gone?: boolean;
  /** Leaf paths (`Health.current`) that changed, with a number that restarts their flash. */
  flashes: Record<string, number>;
  flashSeq: number;
  /** The last edit refused, where it was made and why. */
  refusal?: { key: string; message: string };
}

export const initialWorld: WorldState = { search: '', query: '', pages: {}, listSeq: 0, flashes: {}, flashSeq: 0 };

/** A field's key in flashes and refusals: component, then the path. */
export const fieldKey = (component: string, path: FieldPath) => [component, ...path].join('.');

/** The leaf paths whose value differs between two values (both walked as JSON). */
export function changedLeaves(before: unknown, after: unknown, prefix: string): string[] {
  const isTree = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isTree(before) || !isTree(after) || Array.isArray(before) !== Array.isArray(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) => changedLeaves(before[k], after[k], `${prefix}.${k}`));
}

/** A delta of the selected entity folded in: its components replaced, removed, or the entity gone; what changed flashes. */
export function withDelta(state: WorldState, delta: EntityDelta): Partial<WorldState> {
  const view = state.view;
  if (!view || delta.entity !== view.id) return {};
  if (delta.destroyed) return { gone: true };
  let seq = state.flashSeq;
  const flashes = { ...state.flashes };
  const byName = new Map<string, ComponentView>(view.components.map((c) => [c.name, c]));
  for (const component of delta.changed) {
    const old = byName.get(component.name);
    for (const path of changedLeaves(old?.data, component.data, component.name)) flashes[path] = ++seq;
    byName.set(component.name, component);
  }
  for (const name of delta.removed) byName.delete(name);
  const components = [...byName.values()];
  return { view: { ...view, components }, flashes, flashSeq: seq, gone: false };
}

/**
 * What a typed value means for a field: text where the field holds text,
 * otherwise JSON (7, true, null, [1, 2]) and, if it is no JSON, the text as
 * typed, which the host then refuses for a field of another kind.
 */
export function parseTyped(text: string, current: unknown): unknown {
  if (typeof current === 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** How a leaf value is shown. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'undefined' : JSON.stringify(value);
}
