// The game systems on top of fighting: experience and levels, loot, corpses
// that rot, the score sheet and its GMCP twin (Char.Status). pack.ts
// registers what this lists.
import type { World } from '@maid/engine';
import { Decay } from './components/decay';
import { Experience } from './components/experience';
import { Loot } from './components/loot';
import { DecaySystem } from './systems/decay';
import { StatusSystem } from './systems/status';

export { score } from './commands/score';
export { onKill } from './systems/rewards';
export { applyLoot } from './systems/loot-data';

export const GAME_COMPONENTS = [Experience, Loot, Decay];

export function gameSystems(world: World) {
  return [new DecaySystem(world), new StatusSystem(world)];
}
