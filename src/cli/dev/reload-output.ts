import type { Logger, ReloadResult } from '../../engine/host';
import { reloadLogLines, type AdminReloadResponse } from '../../engine/admin';

/**
 * Logs a reload the way the server's own log shows it (`[INFO] Successfully
 * reloaded pack 'combat' in 0.006s`, or the error with file:line), then the
 * reloads of the packs that depend on it; the details at DEBUG level.
 */
export function logReload(log: Logger, response: AdminReloadResponse): boolean {
  let ok = true;
  for (const result of [response.result, ...response.dependants]) {
    for (const line of reloadLogLines(result)) log.log(line.level, line.message);
    logDetails(log, result);
    ok &&= result.success;
  }
  return ok;
}

function logDetails(log: Logger, r: ReloadResult): void {
  log.debug(`  Trigger: ${r.trigger}; version ${r.oldVersion ?? '?'} -> ${r.newVersion ?? '?'}${r.rolledBack ? ' (rolled back)' : ''}`);
  if (r.changedFiles.length > 0) log.debug(`  Changed: ${r.changedFiles.join(', ')}`);
  if (r.reevaluated.length > 0) log.debug(`  Re-evaluated: ${r.reevaluated.join(', ')}`);
  if (r.error) log.debug(`  Failed in phase: ${r.error.phase}`);
}
