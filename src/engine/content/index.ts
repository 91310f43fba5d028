// The content layer: areas of rooms, prototypes and spawns as data in any pack.
export { ContentLayer, areasDirOf, type PreparedContent } from './layer';
export { ContentError } from './errors';
export { ContentOrigin, Spawned } from './components';
export { parseArea } from './parse';
export { readAreas, isAreaFile, AREA_EXTENSIONS } from './load';
export { validateContent, ROOM_COMPONENT, LOCATION_COMPONENT } from './validate';
export { lookupOf, resolveComponents, type ContentLookup } from './lookup';
export { qualify, packOf, roomEntityKey, spawnEntityKey } from './keys';
export * from './types';
