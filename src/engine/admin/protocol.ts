import type { ReloadResult } from '../hot-reload/types';

/**
 * The admin API's wire contract, shared by the server (inside `maid server
 * start`) and its clients (`maid dev reload`, the studio). JSON over HTTP on
 * 127.0.0.1, every request carrying `Authorization: Bearer <token>`.
 */

/** The file in the data directory that tells clients where the API is and which token it takes (mode 0600). */
export const ADMIN_FILE = 'admin.json';

export const ADMIN_ROUTES = {
  status: '/api/status',
  packs: '/api/packs',
  reloads: '/api/reloads',
  reload: '/api/reload',
  restart: '/api/restart',
  events: '/api/events',
  roles: '/api/accounts/roles',
} as const;

/** POST /api/accounts/roles: grant or revoke one role of an account (exactly one of the two). */
export interface AdminRolesRequest {
  account: string;
  grant?: string;
  revoke?: string;
}

/** The account's name and roles after the change. */
export interface AdminRolesResponse {
  account: string;
  roles: string[];
}

/** What the server writes to `<dataDir>/admin.json`. */
export interface AdminCredentials {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234`. */
  url: string;
  token: string;
  /** Process id of the server, to tell a stopped server from an unreachable one. */
  pid: number;
  /** Epoch milliseconds. */
  startedAt: number;
}

export interface AdminStatus {
  pid: number;
  startedAt: number;
  /** Seconds the server has been up. */
  uptime: number;
  packs: number;
  ticks: number;
  tickRate: number;
  watching: { name: string; dir: string }[];
  /** The engine process behind the gateway; absent when the engine runs in the server's own process. */
  engine?: AdminEngineStatus;
}

export interface AdminEngineStatus {
  pid: number | undefined;
  /** `failed`: it served, then could not start again; the gateway holds the connections and retries (`failure` says why). */
  state: 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';
  failure?: string;
  /** Engine processes started so far (1 until the first restart). */
  generation: number;
  /** The tick of the world database's last commit, as the engine's heartbeats said. */
  committedTick?: number;
  /** Every change up to the end of this tick is in the world database (ticks without changes count). */
  savedThroughTick?: number;
  restarts: number;
  /** Why the engine last restarted, if it did. */
  lastRestart?: { at: number; cause: string };
  /** Packs not loaded because they brought the engine down as it started. */
  disabled: Array<{ name: string; reason: string }>;
}

/** `POST /api/restart`: the engine restarted and every playing session is back in the world. */
export interface AdminRestartResponse {
  /** Milliseconds from the request to the new engine serving every session again. */
  ms: number;
  sessions: number;
  generation: number;
}

export interface AdminPackInfo {
  name: string;
  version: string;
  /** The manifest's description, when it has one. */
  description?: string;
  status: 'pending' | 'loaded' | 'failed';
  error?: string;
  dependencies: string[];
  /** Folder the pack was loaded from, when it came from disk (only those can be reloaded from their files). */
  dir?: string;
  systems: string[];
  commands: string[];
  watched: boolean;
  /** A reload of it is under way. */
  reloading: boolean;
}

/** `auto`: a pack when the target names a loaded pack, else a module. */
export type ReloadTargetType = 'pack' | 'module' | 'auto';

export interface AdminReloadRequest {
  target: string;
  type?: ReloadTargetType;
  /** How the reload shows in the history: `manual` (maid dev reload), `file` (its --watch mode); default `api`. */
  trigger?: 'api' | 'manual' | 'file';
  /** Absolute paths of files that changed (from a client-side watcher), so only they and their importers are evaluated again. */
  changedFiles?: string[];
}

export interface AdminReloadResponse {
  result: ReloadResult;
  /** Packs depending on the target, reloaded after it by the same request. */
  dependants: ReloadResult[];
}

/** Every refusal and failure has this body, with a message that says what to do. */
export interface AdminErrorBody {
  error: { code: AdminErrorCode; message: string };
}

export type AdminErrorCode = 'unauthorized' | 'forbidden' | 'not-found' | 'method-not-allowed' | 'bad-request' | 'payload-too-large' | 'internal';

/** Events of the `/api/events` stream (Server-Sent Events). */
export type AdminEvent =
  | { type: 'hello'; data: { pid: number } }
  | { type: 'reload'; data: ReloadResult }
  /** The engine process was cut off, crashed or restarted (behind a gateway). */
  | { type: 'engine'; data: { state: AdminEngineStatus['state']; cause: string; generation: number } };
