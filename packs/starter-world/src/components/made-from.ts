import { defineComponent } from '@maid/engine';

/** The item prototype a thing was made from, so a later change to the data can find it. */
export const MadeFrom = defineComponent({
  name: 'MadeFrom',
  version: 1,
  defaults: () => ({ prototype: '' }),
});
