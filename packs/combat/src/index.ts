// What other packs may use of the combat pack; pack.ts re-exports it.
export { Health } from './components/health';
export { Npc } from './components/npc';
export { BASE_DAMAGE, ROUND_SECONDS, Combat, CombatSystem, damageFor, type DeathEvent } from './systems/combat';
export { combatSystem } from './commands/attack';
export { Experience } from './components/experience';
export { Loot, type LootEntry } from './components/loot';
export { Decay } from './components/decay';
export { DAMAGE_PER_LEVEL, HEALTH_PER_LEVEL, MAX_LEVEL, awardXp, levelForXp, levelOf, xpForLevel } from './systems/levels';
export { rollLoot, type Drop } from './systems/loot-roll';
export { LOOT_DATA, applyLoot, type LootData } from './systems/loot-data';
export { LOOT_PROTOTYPES, lootPrototype } from './systems/loot-items';
export { leaveCorpse } from './systems/corpse';
export { armourOf, attackOf, blowDamage } from './systems/stats';
