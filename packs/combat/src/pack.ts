import type { ContentPack, GameEngine, World } from '@maid/engine';
import { Health } from './components/health';
import { Npc } from './components/npc';
import { attack, flee, healthCommand } from './commands/attack';
import { CombatSystem } from './systems/combat';
import { RespawnSystem } from './systems/respawn';
import { VitalsSystem } from './systems/vitals';
import { onDeath, onLogin } from './systems/handlers';
import { fileURLToPath } from 'node:url';
import { retireOldCreatures } from './systems/legacy';
import { lootOnContent, lootOnRespawn } from './systems/loot-on-spawn';
import { GAME_COMPONENTS, gameSystems, onKill, score } from './game';

export default class CombatPack implements ContentPack {
  manifest = { name: 'combat', version: '1.0.0', description: 'Health, fighting, death and respawn', dependencies: ['starter-world'] };

  getComponents() {
    return [Health, Npc, ...GAME_COMPONENTS];
  }

  getSystems(world: World) {
    return [new CombatSystem(world), new RespawnSystem(world), new VitalsSystem(world), ...gameSystems(world)];
  }

  getCommands() {
    return [attack, healthCommand, flee, score];
  }

  getEventHandlers() {
    return [onLogin, onDeath, onKill, lootOnContent, lootOnRespawn];
  }

  getMigrations() {
    return [];
  }

  onLoad(engine: GameEngine) {
    retireOldCreatures(engine.world);
  }

  /** The creatures and where they stand are data: areas/creatures.yaml. */
  getAreasDir() {
    return fileURLToPath(new URL('../areas', import.meta.url));
  }
}

// The pack's public API, for the packs that depend on it (`@packs/combat`).
export * from './index';
