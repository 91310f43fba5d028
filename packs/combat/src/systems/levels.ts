import type { Entity, World } from '@maid/engine';
import { Experience } from '../components/experience';
import { Health } from '../components/health';

/** Levels stop here. */
export const MAX_LEVEL = 30;
/** What each level adds: maximum health, and damage of every blow. */
export const HEALTH_PER_LEVEL = 10;
export const DAMAGE_PER_LEVEL = 2;

/** Experience needed to reach a level: 100 for level 2, 300 for 3, 600 for 4... */
export function xpForLevel(level: number): number {
  return 50 * level * (level - 1);
}

export function levelForXp(xp: number): number {
  let level = 1;
  while (level < MAX_LEVEL && xp >= xpForLevel(level + 1)) level++;
  return level;
}

export function levelOf(entity: Entity): number {
  return entity.get(Experience)?.level ?? 1;
}

/** Extra damage a character's level gives each of their blows. */
export function levelDamage(entity: Entity): number {
  return (levelOf(entity) - 1) * DAMAGE_PER_LEVEL;
}

/**
 * Gives experience and, when it is enough, the levels it earns: more health
 * (healed to full, as a reward) and harder blows. Tells the player.
 */
export function awardXp(world: World, player: Entity, amount: number): void {
  if (amount <= 0) return;
  if (!player.has(Experience)) player.add(Experience);
  const before = player.require(Experience);
  const xp = before.xp + amount;
  const level = levelForXp(xp);
  player.set(Experience, { xp, level: Math.max(level, before.level) });
  world.send(player, `You gain ${amount} experience.`);
  const gained = level - before.level;
  if (gained <= 0) return;
  const health = player.has(Health)
    ? player.update(Health, (h) => ({ max: h.max + gained * HEALTH_PER_LEVEL, current: h.max + gained * HEALTH_PER_LEVEL }))
    : undefined;
  const more = health ? `Your health rises to ${health.max}, and your blows land harder.` : 'Your blows land harder.';
  world.send(player, `{yellow}You have reached level ${level}!{reset} ${more}`);
}
