/**
 * The world as a map shows it (the studio's Map panel): every loaded area's
 * rooms with where they are written, and markers for the players and NPCs
 * standing in them. Plain data: every value crosses the link.
 */

export interface MapRoom {
  /** Qualified: `starter-world:town-square`. */
  key: string;
  name: string;
  /** The file's `area:` name, else the pack's name. */
  area: string;
  /** Direction -> qualified room key; a key that is not in the map's rooms leads off the map (a pack not loaded). */
  exits: Record<string, string>;
  coordinates?: [number, number, number];
  environment?: string;
  pack: string;
  /** Relative to the pack folder: `areas/town.yaml`. */
  file: string;
  /** 1-based line of the room's entry in the file. */
  line: number;
}

export interface MapMarker {
  entity: string;
  name: string;
  kind: 'player' | 'npc';
  /** Qualified key of the room it stands in. */
  room: string;
}

export interface WorldMap {
  rooms: MapRoom[];
  markers: MapMarker[];
  /** Loaded packs with no area files (their rooms, if any, are not on the map). */
  withoutAreas: string[];
}

/** What changed among the markers in one tick: those that appeared or moved (whole), and those gone. */
export interface MarkerDelta {
  tick: number;
  moved: MapMarker[];
  gone: string[];
}

/** An edit of the map, written into the owning area file as the builder commands do. */
export type MapEdit =
  /** An exit from a room to another, one way. */
  | { op: 'exit'; from: string; direction: string; to: string }
  /** A new room next to one, with exits both ways. */
  | { op: 'room'; from: string; direction: string; name: string };

export interface MapEditResult {
  /** What was written, in a sentence. */
  summary: string;
  pack: string;
  file: string;
  /** The key of the room made (a room edit). */
  room?: string;
}
