import { defineEventHandler } from '@maid/engine';
import type { LoginEvent } from '@packs/starter-world';
import { Health } from '../components/health';
import type { DeathEvent } from './combat';
import { handleDeath } from './respawn';

/** Every player can be hurt: give new characters their health. */
export const onLogin = defineEventHandler<LoginEvent>('player:login', ({ actor }) => {
  if (!actor.has(Health)) actor.add(Health);
});

export const onDeath = defineEventHandler<DeathEvent>('combat:death', (event, { world }) => handleDeath(event, world));
