import type { ContentPack, GameEngine, World } from '@maid/engine';
import { ALL_COMPONENTS } from './components';
import { ALL_COMMANDS } from './commands';
import { arrivalHandler } from './systems/arrival';
import { RoomInfoSystem } from './systems/room-info';
import { spawnShops } from './shops/spawn';
import { buildWorld } from './world/build';
import { START_ROOM, WORLD_DATA } from './world/data';

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

  onLoad(engine: GameEngine) {
    buildWorld(engine.world, WORLD_DATA);
    spawnShops(engine.world);
  }
}

// The pack's public API, for the packs that depend on it (`@packs/starter-world`).
export * from './index';
