import { defineComponent, type ComponentMigration } from '@maid/engine';

// Version 2 of Health adds regeneration. Raising the version makes the next
// reload (and the next server start, for saved data) run the migration over
// every entity that holds a Health component.
export const Health = defineComponent({
  name: 'Health',
  version: 2,
  defaults: () => ({ current: 100, max: 100, regen: 1 }),
});

export const healthV1toV2: ComponentMigration<{ current: number; max: number }, { current: number; max: number; regen: number }> = {
  component: 'Health',
  from: 1,
  to: 2,
  migrate: (data) => ({ ...data, regen: Math.ceil(data.max / 50) }),
};
