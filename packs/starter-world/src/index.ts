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
export { addCoins, coinWords, coinsOf, createCoinPile } from './items/coins';
export { contentsOf, describeContents } from './items/containers';
export { equipmentList, equipmentOf, gearBonus, slotWords } from './items/equipment';
export { ITEM_PROTOTYPES, createItem, findPrototype, type ItemPrototype } from './items/prototypes';
export { equipmentLines } from './commands/equipment';
export { findPlayer } from './commands/talk';
