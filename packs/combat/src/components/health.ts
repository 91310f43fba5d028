import { defineComponent } from '@maid/engine';

/** Hit points. At zero, the holder dies. */
export const Health = defineComponent({
  name: 'Health',
  version: 1,
  defaults: () => ({ current: 100, max: 100 }),
});
