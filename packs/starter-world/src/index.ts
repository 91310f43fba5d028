// What other packs may use of the starter world; pack.ts re-exports it.
export * from './components';
export { START_ROOM, AREAS_DIR } from './world/start';
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
