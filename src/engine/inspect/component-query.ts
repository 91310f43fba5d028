/**
 * The inspector's filter: component names an entity must hold, and, after
 * `not` (or with `!`), names it must not: `Health Location not Player`.
 * Names are matched by slot, so a filter costs a few array reads an entity.
 */
import { existingComponentSlot } from '../ecs/component';
import type { Entity } from '../ecs/entity';
import { InspectError } from './types';

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export interface ComponentFilter {
  /** Slots the entity must hold; undefined: a name no entity ever held, so nothing matches. */
  all: number[] | undefined;
  none: number[];
}

export function parseComponentQuery(text: string): ComponentFilter {
  const all: string[] = [];
  const none: string[] = [];
  let negate = false;
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    if (raw.toLowerCase() === 'not') {
      if (negate) throw new InspectError('refused', 'The query says "not" twice in a row; write "not Player" to leave out players');
      negate = true;
      continue;
    }
    const bang = raw.startsWith('!') || raw.startsWith('-');
    const name = bang ? raw.slice(1) : raw;
    if (!NAME.test(name)) throw new InspectError('refused', `"${raw.slice(0, 60)}" is not a component name (a letter, then letters, digits, "_", "." or "-"); example: Health Location not Player`);
    (negate || bang ? none : all).push(name);
    negate = false;
  }
  if (negate) throw new InspectError('refused', 'The query ends with "not": name the component to leave out, as in "not Player"');
  const slots = all.map((n) => existingComponentSlot(n));
  return {
    all: slots.some((s) => s === undefined) ? undefined : (slots as number[]),
    none: none.map((n) => existingComponentSlot(n)).filter((s): s is number => s !== undefined),
  };
}

export function matchesFilter(entity: Entity, filter: ComponentFilter): boolean {
  const slots = entity.slots;
  const all = filter.all;
  if (all === undefined) return false;
  for (let i = 0; i < all.length; i++) if (slots[all[i] as number] === undefined) return false;
  const none = filter.none;
  for (let i = 0; i < none.length; i++) if (slots[none[i] as number] !== undefined) return false;
  return true;
}
