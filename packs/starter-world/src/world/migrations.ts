import type { ComponentMigration } from '@maid/engine';

/** Room keys became pack-qualified when the town moved into areas/town.yaml: `cellar` is `starter-world:cellar`. */
const qualified = (key: unknown) => (typeof key === 'string' && key !== '' && !key.includes(':') ? `starter-world:${key}` : key);

export const roomV1toV2: ComponentMigration<{ key: string; exits: Record<string, string> }> = {
  component: 'Room',
  from: 1,
  to: 2,
  migrate: (d) => ({ ...d, key: qualified(d.key), exits: Object.fromEntries(Object.entries(d.exits ?? {}).map(([dir, to]) => [dir, qualified(to)])) }),
};

export const locationV1toV2: ComponentMigration<{ room?: string; holder?: string }> = {
  component: 'Location',
  from: 1,
  to: 2,
  migrate: (d) => ({ ...d, room: qualified(d.room) as string | undefined }),
};
