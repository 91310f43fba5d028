import type { ContentPack, GameEngine, World } from '@maid/engine';
import { ALL_COMPONENTS } from './components';
import { ALL_COMMANDS } from './commands';
import { arrivalHandler } from './systems/arrival';
import { RoomInfoSystem } from './systems/room-info';
import { spawnShops } from './shops/spawn';
import { AREAS_DIR, START_ROOM } from './world/start';
import { locationV1toV2, roomV1toV2 } from './world/migrations';
import { retireOldTown } from './world/legacy';

export default class StarterWorldPack implements ContentPack {
  manifest = {
    name: 'starter-world',
    version: '1.0.0',
    description: 'A small town: rooms, items, movement, talking and the basic commands',
    dependencies: [],
  };

  getComponents() {
    return ALL_COMPONENTS;
  }

  getCommands() {
    return ALL_COMMANDS;
  }

  getSystems(world: World) {
    return [new RoomInfoSystem(world)];
  }

  getEventHandlers() {
    return [arrivalHandler(START_ROOM)];
  }

  getMigrations() {
    return [roomV1toV2, locationV1toV2];
  }

  onLoad(engine: GameEngine) {
    retireOldTown(engine.world);
    spawnShops(engine.world);
  }

  /** The town's rooms and items are data: areas/town.yaml, put onto the world by the engine's content layer. */
  getAreasDir() {
    return AREAS_DIR;
  }
}

// The pack's public API, for the packs that depend on it (`@packs/starter-world`).
export * from './index';
