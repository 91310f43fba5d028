import { formatRecord, type LogLevel } from '../core/logger';
import type { ReloadError, ReloadResult } from './types';

export interface ReloadLogLine {
  level: LogLevel;
  message: string;
}

/** `src/systems/combat.ts:9:33`, or just the file, or nothing. */
export function errorLocation(error: ReloadError | undefined): string | undefined {
  if (!error?.file) return undefined;
  if (!error.line) return error.file;
  return `${error.file}:${error.line}${error.column ? `:${error.column}` : ''}`;
}

/**
 * A reload result as the log lines the engine writes for it (the seed's
 * shape): `Successfully reloaded pack 'combat' in 0.006s`, `  Migrations: 1`,
 * or `Failed to reload pack 'combat': <error> at <file:line:col>; rolled back
 * to the previous version`. The engine's manager writes the same text;
 * clients of the admin API print these so both read alike.
 */
export function reloadLogLines(result: ReloadResult): ReloadLogLine[] {
  if (result.success) {
    const lines: ReloadLogLine[] = [{ level: 'INFO', message: `Successfully reloaded pack '${result.packName}' in ${result.elapsedTime.toFixed(3)}s` }];
    if (result.migrationsRun > 0) lines.push({ level: 'INFO', message: `  Migrations: ${result.migrationsRun}` });
    return lines;
  }
  const where = errorLocation(result.error);
  const message = `Failed to reload pack '${result.packName}': ${result.error?.message ?? 'unknown error'}${where ? ` at ${where}` : ''}${result.rolledBack ? '; rolled back to the previous version' : ''}`;
  return [{ level: 'ERROR', message }];
}

/** The same lines as text: `[INFO] Successfully reloaded pack 'combat' in 0.006s`. */
export function formatReloadResult(result: ReloadResult): string[] {
  return reloadLogLines(result).map((line) => formatRecord({ ...line, time: result.timestamp }));
}
