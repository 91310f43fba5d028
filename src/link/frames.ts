/**
 * The link between the gateway (which holds every player connection) and
 * the engine host (the child process that runs the engine and the packs).
 * Every message either side sends is one of these frames; `validate.ts`
 * checks each one as it arrives, on both sides, so neither trusts the other.
 *
 * Session traffic is batched: a burst of lines, or a tick's output, crosses
 * as one `input` or `output` frame carrying many items.
 */

/** Bumped when a frame changes shape; both sides refuse a peer of another version. */
export const LINK_PROTOCOL_VERSION = 3;

/** A connection, numbered by the gateway; the number never changes across engine restarts. */
export type SessionId = number;

export type LinkTransportProtocol = 'telnet' | 'websocket';
export type LinkTransportLimit = 'line' | 'input' | 'subnegotiation' | 'output';

/** What the engine needs to know to send GMCP: whether the client takes it, and the packages it listed. */
export interface LinkCaps {
  gmcp: boolean;
  /** Core.Supports entries, such as "char 1" (lower-cased). */
  supports: string[];
}

/** Who a playing session is: enough to put it back in the world after a restart without logging in. */
export interface LinkCharacter {
  account: string;
  character: string;
  entityId: string;
}

// ---- gateway -> engine ----

export type SessionInput =
  | { k: 'open'; s: SessionId; protocol: LinkTransportProtocol; address: string; client?: string; caps: LinkCaps; resume?: LinkCharacter }
  | { k: 'line'; s: SessionId; text: string }
  | { k: 'gmcp'; s: SessionId; pkg: string; data?: unknown }
  | { k: 'caps'; s: SessionId; caps: LinkCaps }
  | { k: 'limit'; s: SessionId; limit: LinkTransportLimit; max: number }
  | { k: 'closed'; s: SessionId; reason: string };

/** Requests the gateway forwards from the admin API and the studio. */
// roles: an account's roles granted or revoked (admin API); unsaved: the area files the studio has unsaved edits to.
export type EngineRequestOp = 'status' | 'packs' | 'reloads' | 'reload' | 'unloaded' | 'retry' | 'roles' | 'unsaved' | InspectRequestOp;
/** The world inspector's requests: a page of entities, one entity, an edit, the entities to watch. */
// The map's: the rooms and markers, whether a map is open (markers followed while one is), an exit or room written.
export type InspectRequestOp = 'inspect-list' | 'inspect-view' | 'inspect-edit' | 'inspect-watch' | 'inspect-map' | 'inspect-map-watch' | 'inspect-map-edit';
export const ENGINE_REQUEST_OPS = ['status', 'packs', 'reloads', 'reload', 'unloaded', 'retry', 'roles', 'unsaved', 'inspect-list', 'inspect-view', 'inspect-edit', 'inspect-watch', 'inspect-map', 'inspect-map-watch', 'inspect-map-edit'] as const satisfies readonly EngineRequestOp[];
/** Why a request failed, as the admin API's errors say it. */
export type EngineRequestFailure = 'not-found' | 'bad-request' | 'failed';

export type GatewayFrame =
  | { t: 'start'; version: number; config: EngineHostConfig }
  | { t: 'input'; items: SessionInput[] }
  | { t: 'request'; id: number; op: EngineRequestOp; body?: unknown }
  /** Stop cleanly (the last tick committed); `restart`: the gateway keeps the connections, so nobody is told goodbye. */
  | { t: 'stop'; reason: string; restart: boolean };

// ---- engine -> gateway ----

export type SessionOutput =
  /** `answer`: this write ends the answer to a line the player typed (the relay writes it ahead of other sessions' output). */
  | { k: 'write'; s: SessionId; text: string; prompt?: string; answer?: true }
  | { k: 'data'; s: SessionId; pkg: string; data?: unknown }
  | { k: 'echo'; s: SessionId; hidden: boolean }
  | { k: 'playing'; s: SessionId; character: LinkCharacter }
  | { k: 'close'; s: SessionId };

/**
 * A write made of lines, each followed by a line end, after a line end when
 * `lead`. In the engine the lines are the texts its sessions were sent; on
 * the wire they are indexes into the output frame's table of lines, so a
 * line told to a room of 250 crosses once per frame instead of 250 times
 * (`line-table.ts`). The gateway turns it back into a `write`.
 */
export interface SessionLinesOf<L> {
  k: 'lines';
  s: SessionId;
  lines: L[];
  lead?: true;
  prompt?: string;
  answer?: true;
}

/** What the engine's sessions hand to the link. */
export type EngineSessionOutput = SessionOutput | SessionLinesOf<string>;
/** An output item as it crosses. */
export type WireSessionOutput = SessionOutput | SessionLinesOf<number>;

export type EngineFrame =
  | { t: 'hello'; version: number; pid: number }
  /** About to read or activate this pack's code: if the process dies before `started` (loaded or failed, the process lives), the pack is why. */
  | { t: 'starting'; pack: string }
  | { t: 'started'; pack: string }
  /** Serving: `summary` lists the packs (and those not loaded, with why), `watching` what the watcher covers. */
  | { t: 'ready'; summary: string[]; broken: string[]; watching: string }
  /** One per tick: the gateway restarts an engine that stops sending them. */
  | { t: 'heartbeat'; tick: number; committedTick?: number; savedThroughTick?: number }
  /** `lines`: the texts the `lines` items point into. */
  | { t: 'output'; items: WireSessionOutput[]; lines?: string[] }
  | { t: 'response'; id: number; ok: true; body: unknown }
  | { t: 'response'; id: number; ok: false; kind: EngineRequestFailure; message: string }
  /** A reload result (JSON form), for the admin API's event stream and the studio's timeline; `kept`: a failed reload's running state, per system. */
  | { t: 'reload'; result: Record<string, unknown>; kept?: Record<string, unknown> }
  /** A pack call cut off (JSON form of the engine's CutOffRecord). */
  | { t: 'cutoff'; record: Record<string, unknown> }
  /** A pack folder the engine could not read was tried again (a save, a request, a dependency that loaded). */
  | { t: 'load'; attempt: LinkLoadAttempt }
  /** The packs changed (loaded, failed, reloading): a list a host shows is stale. */
  | { t: 'packs' }
  /** What changed this tick on the entities the gateway asked to watch (at most one a tick, none when nothing changed). */
  | { t: 'entity'; deltas: LinkEntityDelta[] }
  /** While a map is open: the players and NPCs that appeared or moved this tick, and those gone (at most one a tick). */
  | { t: 'map'; delta: LinkMarkerDelta }
  /** Log records, when the host asked for them over the link (the studio shows them) instead of on the console. */
  | { t: 'log'; records: LinkLogRecord[] }
  /** Start-up cannot succeed (a setting, `--strict`): restarting would not help. */
  | { t: 'fatal'; message: string }
  /** What a clean stop still waits for (a reload running), said after the first Ctrl-C. */
  | { t: 'stopping'; waitingFor: string[] }
  /** The last frame of a clean stop: the last tick is committed and the storage closed. */
  | { t: 'stopped' };

/** An engine frame as the gateway has it once checked: output items are writes again. */
export type ReceivedEngineFrame = Exclude<EngineFrame, { t: 'output' }> | { t: 'output'; items: SessionOutput[] };

export interface LinkFailure {
  message: string;
  phase: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LinkLoadAttempt {
  packName: string;
  success: boolean;
  /** `load`: the first read, at start, failed. */
  trigger: 'load' | 'file' | 'manual' | 'dependency';
  changedFiles: string[];
  durationMs: number;
  failure?: LinkFailure;
}

/** One watched entity's change in a tick: the components added or changed (whole), those removed. */
export interface LinkEntityDelta {
  entity: string;
  tick: number;
  changed: LinkComponentView[];
  removed: string[];
  destroyed?: true;
}

export interface LinkMapMarker {
  entity: string;
  name: string;
  kind: 'player' | 'npc';
  room: string;
}

export interface LinkMarkerDelta {
  tick: number;
  moved: LinkMapMarker[];
  gone: string[];
}

export interface LinkComponentView {
  name: string;
  version: number;
  pack?: string;
  data: unknown;
}

export interface LinkLogRecord {
  level: string;
  message: string;
  source?: string;
  time: number;
}

/**
 * What the gateway tells a new engine host: the settings it resolved (from
 * flags, environment and config file) and what to load.
 */
export interface EngineHostConfig {
  /** The resolved settings, as `getSettings` returned them in the gateway. */
  settings: Record<string, unknown>;
  /** Pack folders to load (their dependencies come along from the packs folder). */
  contentDirs: string[];
  /** No `--content`: every folder of the packs folder is the game's, new ones load as they appear. */
  allPacks: boolean;
  strict: boolean;
  /** Packs not to load, with why (they brought the engine down as it started). */
  disabled: Array<{ name: string; reason: string }>;
  /** How many times this engine host has been started by this gateway (1 for the first). */
  generation: number;
  /** Where the engine's log goes: the console (the server's terminal), or the link (the studio's log panel). */
  logs?: 'console' | 'link';
}

/** The largest text the gateway takes in one `write` item (a huge room description, say). */
export const MAX_WRITE_CHARS = 1024 * 1024;
/** The most items one batch may carry. */
export const MAX_BATCH_ITEMS = 100_000;
