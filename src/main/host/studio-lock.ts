import { DataDirLock, type Logger, type Settings } from '../../engine/host';
import { serverAnswers } from '../../engine/admin';

/**
 * The studio takes the data directory's lock as `maid server start` does:
 * it never opens the world database of a running server. It does not attach
 * to that server either (its game, reloads and watcher are its own); the
 * message says how to run it beside one.
 */
export function lockDataDir(logger: Logger, settings: Settings): Promise<DataDirLock> {
  return DataDirLock.acquire(settings.dataDir, {
    owner: 'maid studio',
    timeoutMs: settings.lockTimeout * 1000,
    isRunning: (holder) => serverAnswers(settings.dataDir, holder.pid),
    onWaiting: (message) => logger.warn(`Studio: ${message}`),
    advice: 'Stop it, or start the studio beside it with a data directory of its own: npm run studio -- --data-dir .maid-studio',
  });
}
