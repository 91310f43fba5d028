/**
 * The content contract: what an area file holds once read, and where each
 * entry came from. Keys are always qualified (`starter-world:town-square`)
 * after reading; a file may write its own pack's keys bare.
 */

/** Where an entry (or a field of it) is written: 1-based line and column, and its character offsets. */
export interface SourceRange {
  /** Relative to the pack folder: `areas/town.yaml`. */
  file: string;
  line: number;
  column: number;
  /** Character offsets of the node in the file, [start, end): what a write-back replaces. */
  start: number;
  end: number;
}

/** One problem with content, at the entry or field that is wrong. */
export interface ContentProblem {
  message: string;
  file: string;
  line: number;
  column: number;
}

// The directions the shipped movement commands know.
export const DIRECTIONS = ['north', 'south', 'east', 'west', 'up', 'down'] as const;
export type ExitDirection = (typeof DIRECTIONS)[number];

/** Component data by component name: `{ Health: { current: 30, max: 30 } }`. */
export type ComponentMap = Record<string, Record<string, unknown>>;

export interface RoomDef {
  kind: 'room';
  key: string;
  name: string;
  description: string;
  /** Direction to qualified room key: every exit the file writes, optional ones too. */
  exits: Partial<Record<ExitDirection, string>>;
  /**
   * Exits written `{ to: other-pack:room, optional: true }`: into a pack that
   * may not be loaded. Such an exit is on the live room only while a loaded
   * pack has its room (see liveExits in optional-exits.ts).
   */
  optionalExits?: ExitDirection[];
  coordinates?: [number, number, number];
  environment?: string;
  /** The `area:` name of the file it is written in, when the file gives one (GMCP Room.Info and the studio's map show it). */
  area?: string;
  /** More components the room entity carries. */
  components: ComponentMap;
  /** Where each component ('Health') and field ('Health.max') is written. */
  componentAt: Record<string, SourceRange>;
  at: SourceRange;
  /** Where each exit is written, for errors about it. */
  exitAt: Partial<Record<ExitDirection, SourceRange>>;
}

export interface PrototypeDef {
  kind: 'prototype';
  key: string;
  /** Qualified key of the prototype this one inherits from. */
  parent?: string;
  /** This prototype's own components; inherited ones are merged in when resolved. */
  components: ComponentMap;
  at: SourceRange;
  parentAt?: SourceRange;
  /** Where each component ('Health') and field ('Health.max') is written. */
  componentAt: Record<string, SourceRange>;
}

export interface SpawnDef {
  kind: 'spawn';
  key: string;
  prototype: string;
  room: string;
  /** How many instances stand there. */
  count: number;
  /** Seconds before an instance that was destroyed comes back; undefined: never. */
  respawn?: number;
  at: SourceRange;
  prototypeAt: SourceRange;
  roomAt: SourceRange;
}

export type ContentEntry = RoomDef | PrototypeDef | SpawnDef;

/** One area file, read. */
export interface AreaFile {
  /** Relative to the pack folder. */
  file: string;
  /** Hash of the text, to skip parsing it again when it did not change. */
  digest: string;
  name?: string;
  rooms: RoomDef[];
  prototypes: PrototypeDef[];
  spawns: SpawnDef[];
}

/** All the content of one pack: its area files, in file order. */
export interface PackContent {
  packName: string;
  /** Absolute folder of the area files ('' when the pack has none). */
  dir: string;
  files: AreaFile[];
}

/** What a content change did to the live world: keys per kind, for the reload's state diff. */
export interface ContentDiff {
  rooms: { added: string[]; changed: string[]; removed: string[] };
  prototypes: { added: string[]; changed: string[]; removed: string[] };
  spawns: { added: string[]; changed: string[]; removed: string[] };
  /** Entities created, updated in place, or removed from the world. */
  entities: { spawned: number; updated: number; removed: number; moved: number };
}
