// What other packs may use of the starter world; pack.ts re-exports it.
export * from './components';
export { START_ROOM, WORLD_DATA } from './world/data';
export { buildWorld, checkWorldData, type WorldData, type RoomData, type ItemData } from './world/build';
export {
  capitalise,
  carriedBy,
  describeRoom,
  findHere,
  findIn,
  moveTo,
  nameOf,
  occupants,
  roomEntity,
  roomKeyOf,
  tellRoom,
} from './world/places';
export { parseDirection, walk } from './commands/movement';
export type { LoginEvent } from './systems/arrival';
