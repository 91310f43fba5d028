import { defineComponent } from '@maid/engine';

/** A thing that rots away, with what it holds, when its seconds run out. */
export const Decay = defineComponent({
  name: 'Decay',
  version: 1,
  defaults: () => ({ seconds: 120 }),
});
