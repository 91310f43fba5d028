import { defineComponent } from '@maid/engine';

/**
 * A thing other things can be in (a corpse, a chest): what it holds has its
 * Location.holder set to the container's id, like what a player carries.
 */
export const Container = defineComponent({
  name: 'Container',
  version: 1,
  defaults: () => ({ open: true }),
});
