import { defineEventHandler } from '@maid/engine';
import { Player } from '@packs/starter-world';
import { Loot } from '../components/loot';
import type { DeathEvent } from './combat';
import { leaveCorpse } from './corpse';
import { awardXp } from './levels';

/** A creature's death pays its killer in experience and leaves its corpse with the loot. */
export const onKill = defineEventHandler<DeathEvent>('combat:death', ({ victim, killer, room }, { world }) => {
  if (room) leaveCorpse(world, victim, room);
  const xp = victim.get(Loot)?.xp ?? 0;
  if (killer?.has(Player)) awardXp(world, killer, xp);
});
