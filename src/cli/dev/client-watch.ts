import { relative, isAbsolute } from 'node:path';
import type { Logger, ReloadResult } from '../../engine/host';
import { AdminError, type AdminClient, type AdminPackInfo } from '../../engine/admin';
import { PackWatcher } from '../../engine/hot-reload/watcher';
import { EXIT } from '../exit-codes';
import { untilStopSignal } from '../signals';
import { logReload } from './reload-output';

/** The result of a reload the server never ran (it could not be reached). */
function notReloaded(packName: string, message: string): ReloadResult {
  return {
    packName,
    success: false,
    elapsedTime: 0,
    migrationsRun: 0,
    rolledBack: false,
    error: { message, phase: 'build' },
    trigger: 'file',
    changedFiles: [],
    timestamp: Date.now(),
    stateDiff: { systems: {}, components: {} },
    reevaluated: [],
  };
}

export interface ClientWatchOptions {
  client: AdminClient;
  log: Logger;
  pack: AdminPackInfo;
  dir: string;
  debounceSeconds: number;
}

const inside = (dir: string, file: string) => {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * `maid dev reload --watch`: watches a folder with the engine's own watcher
 * (same filters, debounce and log lines as the server's) and asks the
 * running server to reload the pack on each change. Runs until Ctrl-C
 * (exit 0) or until the server goes away or refuses the token.
 */
export async function watchAndReload(options: ClientWatchOptions): Promise<number> {
  const { client, log, pack, dir } = options;
  let lost: (code: number) => void = () => {};
  const serverLost = new Promise<number>((resolve) => (lost = resolve));

  const reload = async (name: string, files: string[]): Promise<ReloadResult> => {
    // Changed files tell the server what to evaluate again; files outside the pack's folder cannot, so then it re-reads everything.
    const changedFiles = pack.dir && files.every((f) => inside(pack.dir as string, f)) ? files : undefined;
    asking = { since: Date.now() };
    try {
      const response = await client.reload({ target: name, type: 'pack', trigger: 'file', ...(changedFiles ? { changedFiles } : {}) });
      logReload(log, response);
      return response.result;
    } catch (err) {
      if (!(err instanceof AdminError)) throw err;
      log.error(err.message);
      if (err.kind === 'no-server') lost(EXIT.noServer);
      else if (err.kind === 'unauthorized') lost(EXIT.unauthorized);
      return notReloaded(name, err.message); // already logged; the watcher only waits for it
    } finally {
      asking = undefined;
    }
  };

  let asking: { since: number } | undefined;
  const waitingFor = () => (asking ? [`the server's reload of '${pack.name}' (asked ${((Date.now() - asking.since) / 1000).toFixed(1)}s ago)`] : []);
  const stopped = untilStopSignal(log, { stopping: 'stopping the watch', waitingFor }).then(() => EXIT.ok); // listening before saying Ctrl-C works
  const watcher = new PackWatcher({ logger: log, debounceSeconds: options.debounceSeconds, reload });
  await watcher.watch(pack.name, dir, pack.dir ?? dir);
  log.info(`Reloading '${pack.name}' on the server at ${client.credentials.url} on each change; Ctrl-C stops`);
  const code = await Promise.race([stopped, serverLost]);
  await watcher.close();
  return code;
}
