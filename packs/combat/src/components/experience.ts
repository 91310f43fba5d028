import { defineComponent } from '@maid/engine';

/** A character's experience points and the level they have earned. */
export const Experience = defineComponent({
  name: 'Experience',
  version: 1,
  defaults: () => ({ xp: 0, level: 1 }),
});
