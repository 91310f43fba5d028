// The data the studio's host and renderer exchange. Plain JSON: every value
// here crosses Electron IPC or HTTP as is. The engine's own types stay in the
// engine; the host maps them onto these (src/main/api).

export type PackStatus = 'pending' | 'loaded' | 'failed';

/** A pack as the file tree shows it: identity, health and what it registered. */
export interface PackSummary {
  name: string;
  version: string;
  description?: string;
  status: PackStatus;
  /** Why the pack failed to load, when it did. */
  error?: string;
  dependencies: string[];
  systems: string[];
  commands: string[];
  /** True while a reload of the pack runs or waits. */
  reloading: boolean;
}

export interface FileNode {
  name: string;
  /** Relative to the pack folder, `/`-separated: `src/systems/combat.ts`. */
  path: string;
  kind: 'file' | 'directory';
  children?: FileNode[];
}

/** One pack with its files. */
export interface PackTree {
  pack: PackSummary;
  files: FileNode[];
}

/** A file inside a pack folder. */
export interface FileRef {
  pack: string;
  /** Relative to the pack folder, `/`-separated; never absolute, never `..`. */
  path: string;
}

export interface FileContent extends FileRef {
  content: string;
  /** A hash of the content as read; a save may name it to refuse overwriting a newer file. */
  version: string;
}

export interface SaveRequest extends FileRef {
  content: string;
  /** The version the editor started from: the save is refused (conflict) when the file on disk differs. */
  baseVersion?: string;
}

export interface CreateRequest extends FileRef {
  content?: string;
}

export interface RenameRequest {
  pack: string;
  from: string;
  to: string;
}

export interface SaveResult extends FileRef {
  version: string;
  bytes: number;
}

/** What started a reload; `load` is the studio loading a pack folder that failed to load before. */
export type ReloadTrigger = 'file' | 'manual' | 'api' | 'dependency' | 'load' | 'engine';

export type ReloadPhase = 'build' | 'validate' | 'hooks' | 'capture' | 'unload' | 'load' | 'migrate' | 'restore';

/** Where a reload failed: the pack's source file (relative to the pack folder), line and column when known. */
export interface ReloadFailure {
  message: string;
  phase: ReloadPhase;
  file?: string;
  line?: number;
  column?: number;
}

export interface SystemStateChange {
  before: unknown;
  after: unknown;
  added?: boolean;
  removed?: boolean;
  /** A failed reload: the running version kept this state (before and after are the same). */
  kept?: boolean;
}

export interface ComponentDataChange {
  from: number;
  to: number;
  entities: number;
  sample: { entity: string; before: unknown; after: unknown }[];
}

/** What a reload's area files changed in the live world: keys by kind, and entity counts. */
export interface ContentChange {
  rooms: { added: string[]; changed: string[]; removed: string[] };
  prototypes: { added: string[]; changed: string[]; removed: string[] };
  spawns: { added: string[]; changed: string[]; removed: string[] };
  entities: { spawned: number; updated: number; removed: number; moved: number };
}

export interface ReloadStateDiff {
  systems: Record<string, SystemStateChange>;
  components: Record<string, ComponentDataChange>;
  /** Set when the pack's content (area files) was applied. */
  content?: ContentChange;
}

/** One reload on the timeline. */
export interface ReloadEntry {
  /** Increasing within one studio session; newest is highest. */
  id: number;
  /**
   * What happened: a reload or load of a pack (default), a pack call cut
   * off for running away, or the engine process going down (crashed, hung,
   * restarting) and coming back.
   */
  kind?: 'reload' | 'cut-off' | 'engine-down' | 'engine-up' | 'edit';
  /** For cut-offs, engine entries and edits: why or what, in a sentence (the call and where it ran, the exit code, the value set). */
  cause?: string;
  /** For edits of the world (World panel): the entity, and how the entry stands with undo. */
  edit?: EditInfo;
  packName: string;
  success: boolean;
  rolledBack: boolean;
  trigger: ReloadTrigger;
  /** Relative to the pack folder. */
  changedFiles: string[];
  durationMs: number;
  /** When the reload finished, epoch milliseconds. */
  timestamp: number;
  migrationsRun: number;
  error?: ReloadFailure;
  oldVersion?: string;
  newVersion?: string;
  stateDiff: ReloadStateDiff;
  /** TypeScript problems in the pack after this reload; set once the type check that follows it is done. */
  problems?: number;
  /** The pack's tests run after this reload (when the author asked for that), once they are done. */
  tests?: { runId: number; passed: number; failed: number; ok: boolean };
}

/** Where a test failure points: a file relative to the pack folder, 1-based line and column. */
export interface TestFailureInfo {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** One of the test kit's checks (protocol, lifecycle). */
export interface PackTestCheck {
  title: string;
  ok: boolean;
  skipped?: boolean;
  problems: string[];
}

/** One of the pack's own tests, as it finished. */
export interface PackTestCase {
  /** The test file, relative to the pack folder. */
  file: string;
  /** The suites and the test: `fighting > kills the cellar rat`. */
  name: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  failure?: TestFailureInfo;
}

/** A run of a pack's tests (what `maid pack test` runs), in a process of its own. */
export interface PackTestRun {
  /** Increasing within one studio session. */
  id: number;
  pack: string;
  /** `error`: the run could not finish (it timed out, or the runner failed); `message` says why. */
  state: 'running' | 'passed' | 'failed' | 'error';
  /** `reload`: started by a successful reload of the pack (the option is on); `reloadId` is that entry. */
  trigger: 'manual' | 'reload';
  reloadId?: number;
  startedAt: number;
  durationMs: number;
  /** Test files found (known once the run started). */
  files?: number;
  checks: PackTestCheck[];
  tests: PackTestCase[];
  /** Errors outside any test: a test file that does not compile, an unhandled rejection. */
  errors: TestFailureInfo[];
  passed: number;
  failed: number;
  skipped: number;
  message?: string;
}

/** A TypeScript diagnostic in a pack's file. */
export interface TypeProblem {
  /** Relative to the pack folder: `src/systems/combat.ts`. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** TypeScript's code: 2322 for "not assignable". */
  code: number;
  severity: 'error' | 'warning';
}

/** The TypeScript problems of one pack, as of its last type check. */
export interface PackProblems {
  pack: string;
  problems: TypeProblem[];
  /** The reload the check followed, when one did (its timeline entry gets the count). */
  reloadId?: number;
  /** When the check finished, epoch milliseconds. */
  checkedAt: number;
  durationMs: number;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export interface LogEntry {
  /** Increasing; lets a client join the history and the live stream without gaps or repeats. */
  seq: number;
  level: LogLevel;
  message: string;
  /** The pack or subsystem that logged, when known. */
  source?: string;
  /** The pack the line is about, when one can be told. */
  pack?: string;
  time: number;
}

/** A declaration file for Monaco's TypeScript service: `file:///node_modules/@maid/engine/index.d.ts`. */
export interface TypeLibrary {
  path: string;
  content: string;
}

/** Where the renderer's terminal reaches the running game. */
export type GameEndpoint =
  | { available: true; url: string; subprotocol: string; telnet?: { host: string; port: number } }
  | { available: false; reason: string };

export interface StudioInfo {
  studioVersion: string;
  mode: 'electron' | 'web';
  packsDir: string;
  /** The watcher's quiet time after a save, before a reload. */
  watchDebounceMs: number;
  game: GameEndpoint;
}

// ---- the World panel (entity inspector) ----
// The engine types these too (src/engine/inspect/types.ts); src/main/host/wire-types.ts holds the two copies to one shape.

/** A field inside a component's data: keys of objects, indexes of lists. */
export type FieldPath = (string | number)[];

export interface EntityListRequest {
  /** Part of the entity's name, key or id. */
  search?: string;
  /** Component names it must hold, `not X` for those it must not: `Health Location not Player`. */
  query?: string;
  /** Only what stands in this room (its qualified key): a room clicked on the map. */
  room?: string;
  offset?: number;
  /** At most MAX_ENTITY_PAGE. */
  limit?: number;
}

export const MAX_ENTITY_PAGE = 1000;

export interface EntityListItem {
  id: string;
  key?: string;
  /** The first `name` one of its components holds (Player, Describable, Room), or ''. */
  name: string;
  components: string[];
}

export interface EntityPage {
  /** Entities matching, over every page. */
  total: number;
  offset: number;
  items: EntityListItem[];
}

export interface ComponentView {
  name: string;
  version: number;
  /** The pack defining it now; none when no loaded pack does (the data is kept, and cannot be edited). */
  pack?: string;
  data: unknown;
}

export interface EntityView {
  id: string;
  key?: string;
  name: string;
  components: ComponentView[];
  /** Components defined now that the entity does not hold. */
  addable: string[];
}

/** An edit the World panel makes; its undo is kept by the host, with its timeline entry. */
export type EntityEdit =
  | { op: 'set'; entity: string; component: string; path: FieldPath; value: unknown }
  | { op: 'add'; entity: string; component: string }
  | { op: 'remove'; entity: string; component: string }
  | { op: 'destroy'; entity: string };

export interface EditInfo {
  entity: string;
  /** The entry this one undid. */
  undoOf?: number;
  /** The entry that undid this one (an entry is undone once). */
  undoneBy?: number;
}

export interface EditOutcome {
  /** The edit's entry on the timeline. */
  entry: ReloadEntry;
  /** The entity after the edit; none once destroyed. */
  view?: EntityView;
}

/** Which entity a studio window shows: its changes come as `entity` events. */
export interface WatchRequest {
  /** A window's own id, made when it opens: each window watches one entity. */
  viewer: string;
  /** null: none. */
  entity: string | null;
}

/** What changed on a watched entity in one tick (at most one a tick). */
export interface EntityDelta {
  entity: string;
  tick: number;
  /** Components added or changed, whole. */
  changed: ComponentView[];
  removed: string[];
  destroyed?: true;
}

/** A place in a pack's file (1-based line and column). */
export interface SourceLocation {
  pack: string;
  path: string;
  line: number;
  column: number;
}

export * from './map-model';
