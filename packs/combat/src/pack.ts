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

export default class CombatPack implements ContentPack {
  manifest = { name: 'combat', version: '1.0.0', description: 'Health, fighting, death and respawn', dependencies: ['starter-world'] };

  getComponents() {
    return [Health, Npc];
  }

  getSystems(world: World) {
    return [new CombatSystem(world), new RespawnSystem(world), new VitalsSystem(world)];
  }

  getCommands() {
    return [attack, healthCommand, flee];
  }

  getEventHandlers() {
    return [onLogin, onDeath];
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
