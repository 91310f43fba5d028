import { defineComponent } from '../ecs/component';
import type { ComponentMap } from './types';

/** Marks an entity an area file defines (a room), so a later load knows what the file no longer has. */
export const ContentOrigin = defineComponent({
  name: 'ContentOrigin',
  version: 1,
  defaults: () => ({ pack: '', file: '', key: '' }),
});

/**
 * An instance of a spawn: which spawn and prototype it came from, where it
 * stands when (re)spawned, and the component data the prototype gave it
 * last, so a prototype change can tell a value play changed (kept) from one
 * nobody touched (updated).
 */
export const Spawned = defineComponent({
  name: 'Spawned',
  version: 1,
  defaults: () => ({ pack: '', file: '', spawn: '', n: 1, prototype: '', room: '', applied: {} as ComponentMap }),
});
