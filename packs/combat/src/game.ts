// The game systems on top of fighting: experience and levels, loot, corpses
// that rot, and the score sheet. pack.ts registers what this lists.
import type { World } from '@maid/engine';
import { Decay } from './components/decay';
import { Experience } from './components/experience';
import { Loot } from './components/loot';
import { DecaySystem } from './systems/decay';

export { score } from './commands/score';
export { onKill } from './systems/rewards';
export { applyLoot } from './systems/loot-data';

export const GAME_COMPONENTS = [Experience, Loot, Decay];

export function gameSystems(world: World) {
  return [new DecaySystem(world)];
}
