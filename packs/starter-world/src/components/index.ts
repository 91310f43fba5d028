import { defineComponent } from '@maid/engine';
import { GEAR_COMPONENTS } from './game';

export * from './game';

export const DIRECTIONS = ['north', 'south', 'east', 'west', 'up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * A place, written by the content layer from an area file (areas/*.yaml).
 * Room entities carry the key `room:<key>`, keys qualified: `room:starter-world:cellar`.
 */
export const Room = defineComponent({
  name: 'Room',
  version: 2,
  defaults: () => ({
    key: '',
    name: '',
    description: '',
    exits: {} as Partial<Record<Direction, string>>,
    /** [x, y, z] on the map, when the area file gives them. */
    coordinates: undefined as [number, number, number] | undefined,
    /** 'outdoors', 'indoors', 'forest'...: what a weather or light system may look at. */
    environment: undefined as string | undefined,
    /** The area it belongs to: the `area:` name of its area file (what mappers group rooms by). */
    area: undefined as string | undefined,
  }),
});

/** Where a thing is: in a room (by room key), or held by another entity. */
export const Location = defineComponent({
  name: 'Location',
  version: 2,
  defaults: () => ({ room: undefined as string | undefined, holder: undefined as string | undefined }),
  // Moves replace it (set), so the world can keep everything indexed by room and holder.
  immutable: true,
});

/** What players see of a thing, and the words they may call it by. */
export const Describable = defineComponent({
  name: 'Describable',
  version: 1,
  defaults: () => ({ name: 'something', keywords: [] as string[], description: '' }),
});

/** A player character. */
export const Player = defineComponent({
  name: 'Player',
  version: 1,
  defaults: () => ({ name: '' }),
});

/** Something that can be picked up. */
export const Item = defineComponent({
  name: 'Item',
  version: 1,
  defaults: () => ({ portable: true }),
});

export const ALL_COMPONENTS = [Room, Location, Describable, Player, Item, ...GEAR_COMPONENTS];
