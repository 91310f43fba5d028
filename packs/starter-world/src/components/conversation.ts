import { defineComponent } from '@maid/engine';

/** Who last told this player something, so `reply` knows whom to answer. */
export const Conversation = defineComponent({
  name: 'Conversation',
  version: 1,
  defaults: () => ({ replyTo: '' }),
});
