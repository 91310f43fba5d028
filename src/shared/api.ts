// The studio API: one contract, two transports (Electron IPC through the
// preload, HTTP + WebSocket in web mode). The host implements it
// (src/main/api/studio-service.ts); the renderer calls it through a client
// (src/renderer/api). Every argument is checked by src/shared/validation.ts
// on the host side before it reaches the implementation.

import type {
  ComponentView,
  CreateRequest,
  EditOutcome,
  EntityDelta,
  EntityEdit,
  EntityListRequest,
  EntityPage,
  EntityView,
  SourceLocation,
  WatchRequest,
  MapEdit,
  MapEditResult,
  MapWatchRequest,
  MarkerDelta,
  WorldMap,
  FileContent,
  FileNode,
  FileRef,
  GameEndpoint,
  LogEntry,
  PackProblems,
  PackTestRun,
  PackTree,
  ReloadEntry,
  RenameRequest,
  SaveRequest,
  SaveResult,
  StudioInfo,
  TypeLibrary,
} from './model';

export interface StudioApi {
  /** The studio's mode, packs folder, debounce and where the game is reachable. */
  getInfo(): Promise<StudioInfo>;
  /** Every loaded pack with its status and files. */
  listPacks(): Promise<PackTree[]>;
  readFile(ref: FileRef): Promise<FileContent>;
  /** Every TypeScript and JSON source of a pack, for the editor's IntelliSense across the pack. */
  readPackSources(pack: string): Promise<FileContent[]>;
  /** Writes a file atomically (temp file + rename); the watcher then reloads the pack. */
  saveFile(request: SaveRequest): Promise<SaveResult>;
  /** Creates a new file; refused when one exists at that path. */
  createFile(request: CreateRequest): Promise<SaveResult>;
  /** Renames (moves) a file inside its pack; refused when the target exists. */
  renameFile(request: RenameRequest): Promise<FileRef>;
  deleteFile(ref: FileRef): Promise<null>;
  /** Reloads a pack now (trigger `manual`) and answers with its timeline entry. */
  reloadPack(pack: string): Promise<ReloadEntry>;
  /** Every reload of this session, newest first. */
  getReloadHistory(): Promise<ReloadEntry[]>;
  /** The engine log kept by the host, oldest first. */
  getLog(): Promise<LogEntry[]>;
  /** Declarations of `@maid/engine` for the editor's TypeScript service. */
  getTypeLibraries(): Promise<TypeLibrary[]>;
  /** Where to open a game session (the terminal connects there). */
  openGameSession(): Promise<GameEndpoint>;
  /** The TypeScript problems of each pack, as of its last type check. */
  getProblems(): Promise<PackProblems[]>;
  /**
   * Restarts the engine process (packs and world loaded again) with every
   * game session kept; answers with the timeline entry of the restart once
   * the engine serves again.
   */
  restartEngine(): Promise<ReloadEntry>;
  /** A page of the live world's entities, found by name, key or id and filtered by a component query. */
  listEntities(request: EntityListRequest): Promise<EntityPage>;
  /** One entity: each component with its version, owning pack and data. */
  inspectEntity(entity: string): Promise<EntityView>;
  /**
   * Edits the world between two ticks: checked against the component
   * (refused with the reason, nothing changed), persisted, and put on the
   * timeline as an `edit` entry that can be undone.
   */
  editEntity(edit: EntityEdit): Promise<EditOutcome>;
  /** Undoes the edit of a timeline entry (once); the undo is an entry too. */
  undoEdit(entryId: number): Promise<EditOutcome>;
  /** The entity this window shows (null: none): its changes come as `entity` events, across engine restarts. */
  watchEntity(request: WatchRequest): Promise<EntityView | null>;
  /** Where a component is defined: its pack's file, at `defineComponent`. */
  findComponentSource(request: { pack: string; component: string }): Promise<SourceLocation>;
  /**
   * Runs a pack's tests (the test kit's checks and the pack's own tests, as
   * `maid pack test` does, on the files as saved) in a process of their own;
   * answers with the finished run. Progress comes as `tests` events.
   */
  runPackTests(pack: string): Promise<PackTestRun>;
  /** The newest run of each pack's tests. */
  getPackTestRuns(): Promise<PackTestRun[]>;
  /** Whether a pack's tests run after each successful reload of it; answers with the packs that have it on. */
  setTestsAfterReload(pack: string, on: boolean): Promise<string[]>;
  getTestsAfterReload(): Promise<string[]>;
  /**
   * The files of a pack the editor has unsaved edits to (its whole list;
   * empty: none): the game's building commands refuse to write those.
   */
  setUnsavedFiles(pack: string, files: string[]): Promise<null>;
  /** The rooms and exits of every loaded area, with who stands where. */
  getMap(): Promise<WorldMap>;
  /**
   * Whether this window shows a map (answers with the map when it opens):
   * while any does, the players' and NPCs' moves come as `map` events, at
   * most one a tick, across engine restarts.
   */
  watchMap(request: MapWatchRequest): Promise<WorldMap | null>;
  /**
   * Writes an exit or a new room into the owning area file, as the builder
   * commands do (refused with the reason: a direction taken, unsaved edits to
   * the file, a room no area file holds); the watcher's reload applies it.
   */
  editMap(edit: MapEdit): Promise<MapEditResult>;
}

export type StudioMethod = keyof StudioApi;
export type ArgsOf<M extends StudioMethod> = Parameters<StudioApi[M]>;
export type ResultOf<M extends StudioMethod> = Awaited<ReturnType<StudioApi[M]>>;

/** Every method, for the transports' allow lists. */
export const STUDIO_METHODS = [
  'getInfo',
  'listPacks',
  'readFile',
  'readPackSources',
  'saveFile',
  'createFile',
  'renameFile',
  'deleteFile',
  'reloadPack',
  'getReloadHistory',
  'getLog',
  'getTypeLibraries',
  'openGameSession',
  'getProblems',
  'restartEngine',
  'listEntities',
  'inspectEntity',
  'editEntity',
  'undoEdit',
  'watchEntity',
  'findComponentSource',
  'runPackTests',
  'getPackTestRuns',
  'setTestsAfterReload',
  'getTestsAfterReload',
  'setUnsavedFiles',
  'getMap',
  'watchMap',
  'editMap',
] as const satisfies readonly StudioMethod[];

// The list above names every method: adding one to StudioApi without listing it fails here.
type Unlisted = Exclude<StudioMethod, (typeof STUDIO_METHODS)[number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

export function isStudioMethod(value: unknown): value is StudioMethod {
  return typeof value === 'string' && (STUDIO_METHODS as readonly string[]).includes(value);
}

/** What the host pushes to every connected renderer. */
export type StudioEvent =
  /** A reload finished (any trigger), successful or not. */
  | { type: 'reload'; entry: ReloadEntry }
  /** The packs changed: a status, a reload starting or ending, or files appearing/vanishing on disk. */
  | { type: 'packs'; packs: PackTree[] }
  /** A file's content changed on disk (by the studio or any other program). */
  | { type: 'file-changed'; pack: string; path: string; version: string }
  /** New log lines, oldest first. */
  | { type: 'log'; entries: LogEntry[] }
  /** A pack's TypeScript problems after a type check (it follows each reload, off the reload's path). */
  | { type: 'problems'; report: PackProblems }
  /** A watched entity changed this tick (see watchEntity). */
  | { type: 'entity'; delta: EntityDelta }
  /** A run of a pack's tests progressed or finished (at most a few a second while it runs). */
  | { type: 'tests'; run: PackTestRun }
  /** While a map is open: the players and NPCs that appeared or moved this tick, and those gone (see watchMap). */
  | { type: 'map'; delta: MarkerDelta };

export type StudioEventListener = (event: StudioEvent) => void;

/** The API plus the event stream: what a renderer holds. */
export interface StudioClient extends StudioApi {
  subscribe(listener: StudioEventListener): () => void;
}

/** Names the preload and the Electron main process agree on. */
export const IPC_CHANNELS = {
  call: 'maid-studio:call',
  event: 'maid-studio:event',
} as const;

/** The object the preload puts on `window` (Electron mode). */
export interface PreloadBridge {
  call(method: StudioMethod, args: unknown[]): Promise<unknown>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
}

export const PRELOAD_GLOBAL = 'maidStudio';

export type { ComponentView, FileNode };
