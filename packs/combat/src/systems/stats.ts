import type { Entity, World } from '@maid/engine';
import { gearBonus } from '@packs/starter-world';
import { levelDamage } from './levels';

/**
 * A fighter's blow before armour: its base damage (the combat system's
 * `damageFor`), plus its level, plus the wielded weapon.
 */
export function attackOf(world: World, attacker: Entity, base: number): number {
  // A creature that does no harm (the training dummy) stays harmless whatever it holds.
  return base <= 0 ? 0 : base + levelDamage(attacker) + gearBonus(world, attacker).damage;
}

export function armourOf(world: World, target: Entity): number {
  return gearBonus(world, target).armour;
}

/** The damage one blow does: armour takes its share, but a real blow always hurts a little. */
export function blowDamage(world: World, attacker: Entity, target: Entity, base: number): number {
  const attack = attackOf(world, attacker, base);
  return attack <= 0 ? 0 : Math.max(1, attack - armourOf(world, target));
}
