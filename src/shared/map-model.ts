// ---- the Map panel ----
// The rooms of every loaded area and who stands where, as the engine's map query gives them.

export interface MapRoom {
  /** Qualified: `starter-world:town-square`. */
  key: string;
  name: string;
  /** The area file's `area:` name, else the pack's name: one colour each on the map. */
  area: string;
  /** Direction -> qualified room key; a key not among the map's rooms leads off the map (its pack is not loaded). */
  exits: Record<string, string>;
  coordinates?: [number, number, number];
  environment?: string;
  pack: string;
  /** The area file, relative to the pack folder, and the 1-based line of the room's entry in it. */
  file: string;
  line: number;
}

export interface MapMarker {
  entity: string;
  name: string;
  kind: 'player' | 'npc';
  /** The room it stands in. */
  room: string;
}

export interface WorldMap {
  rooms: MapRoom[];
  markers: MapMarker[];
  /** Loaded packs without area files: their rooms (made by code) are not on the map. */
  withoutAreas: string[];
}

/** The markers that appeared or moved in one tick (whole), and those gone. */
export interface MarkerDelta {
  tick: number;
  moved: MapMarker[];
  gone: string[];
}

/** Whether this window shows a map: markers are followed (and pushed as `map` events) while any does. */
export interface MapWatchRequest {
  viewer: string;
  open: boolean;
}

/** An edit drawn on the map, written into the owning area file as the builder commands write. */
export type MapEdit =
  /** An exit, one way, from a room to another. */
  | { op: 'exit'; from: string; direction: string; to: string }
  /** A new room next to one, exits both ways, one step on in coordinates when the room has them. */
  | { op: 'room'; from: string; direction: string; name: string };

export interface MapEditResult {
  summary: string;
  pack: string;
  file: string;
  /** The new room's key (a room edit). */
  room?: string;
}

export const MAP_DIRECTIONS = ['north', 'south', 'east', 'west', 'up', 'down'] as const;
