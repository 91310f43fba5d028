// What other packs may use of the combat pack; pack.ts re-exports it.
export { Health } from './components/health';
export { Npc } from './components/npc';
export { BASE_DAMAGE, ROUND_SECONDS, Combat, CombatSystem, damageFor, type DeathEvent } from './systems/combat';
export { combatSystem } from './commands/attack';
