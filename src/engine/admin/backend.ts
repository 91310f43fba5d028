/**
 * What the admin API asks of the game it serves. In one process that is the
 * engine itself (`engineBackend`); behind a gateway, the engine is in a
 * child process and each call is a request over the link. Results are the
 * JSON forms the routes send.
 */
import type { Disposable } from '../core/disposable';
import type { Logger } from '../core/logger';
import type { GameEngine } from '../engine';
import { toJson } from './json';
import { packInfos, serverStatus } from './pack-info';
import type { AdminPackInfo, AdminRestartResponse, AdminRolesResponse, AdminStatus } from './protocol';
import type { RoleChange } from '../accounts/roles';
import { runReloadRequest, type ValidReloadRequest } from './reload-request';

export interface AdminBackend {
  readonly logger: Logger;
  describeError(err: unknown): string;
  status(startedAt: number): Promise<AdminStatus>;
  packs(): Promise<AdminPackInfo[]>;
  /** The reload history, oldest first (JSON form of each result). */
  reloads(): Promise<unknown[]>;
  reload(request: ValidReloadRequest): Promise<unknown>;
  /** Restarts the engine with the players kept connected; absent where the engine shares the process. */
  restart?(reason: string): Promise<AdminRestartResponse>;
  /** Grants or revokes a role of an account; absent where no game server (accounts) runs. */
  roles?(request: RoleChange): Promise<AdminRolesResponse>;
  /** Each reload result as the engine records it (JSON form). */
  onReload(listener: (result: unknown) => void): Disposable;
}

/** A value as the API sends it: pack state inside a result may hold BigInts and cycles. */
export function jsonForm<T>(value: T): T {
  return JSON.parse(toJson(value)) as T;
}

/** The admin API of an engine in this process. */
export function engineBackend(engine: GameEngine): AdminBackend {
  return {
    logger: engine.logger,
    describeError: (err) => engine.describeError(err),
    status: async (startedAt) => serverStatus(engine, startedAt),
    packs: async () => packInfos(engine),
    reloads: async () => jsonForm(engine.hotReload.getReloadHistory()),
    reload: async (request) => jsonForm(await runReloadRequest(engine, request)),
    onReload: (listener) => engine.hotReload.onReload.on((result) => listener(jsonForm(result))),
  };
}
