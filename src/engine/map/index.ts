// The world as a map (the studio's Map panel): rooms of every loaded area, markers, edits written to area files.
export { worldMap, mapRooms, mapMarkers } from './map-query';
export { MarkerWatch } from './marker-watch';
export { applyMapEdit } from './map-edits';
export { parseMapEdit, parseMapWatch } from './requests';
export type { MapEdit, MapEditResult, MapMarker, MapRoom, MarkerDelta, WorldMap } from './types';
