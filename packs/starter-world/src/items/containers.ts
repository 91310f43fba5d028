import type { Entity, World } from '@maid/engine';
import { Container } from '../components/game';
import { capitalise, carriedBy, findHere, findIn, nameOf } from '../world/places';

/** What a container holds, in the order it was put in. */
export function contentsOf(world: World, container: Entity): Entity[] {
  return carriedBy(world, container);
}

/** "It holds: ..." for a container, or undefined for anything else. */
export function describeContents(world: World, container: Entity): string | undefined {
  if (!container.has(Container)) return undefined;
  const things = contentsOf(world, container);
  if (things.length === 0) return `${capitalise(nameOf(container))} is empty.`;
  return [`${capitalise(nameOf(container))} holds:`, ...things.map((t) => `  ${nameOf(t)}`)].join('\n');
}

/** A container the actor can reach (in the room or carried), by keyword. */
export function findContainer(world: World, actor: Entity, query: string): Entity | undefined {
  const found = findHere(world, actor, query);
  return found?.has(Container) ? found : undefined;
}

/** Things in a container by keyword; `all` is everything in it. */
export function findInside(world: World, container: Entity, query: string): Entity[] {
  const things = contentsOf(world, container);
  if (query === 'all') return things;
  const one = findIn(things, query);
  return one ? [one] : [];
}
