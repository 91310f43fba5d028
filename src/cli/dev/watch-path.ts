import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UsageFailure } from '../args';

const isDirectory = (dir: string) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** The real path when the folder exists (so a symlink into the pack counts as inside). */
const real = (dir: string) => {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
};

function isWithin(dir: string, path: string): boolean {
  const rel = relative(real(dir), real(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folder `maid dev reload --watch` watches: `--watch-path` relative to
 * the pack's folder (`src/` means the pack's `src/`, wherever the command
 * runs), or absolute; without it, the pack's `src/`. A folder outside the
 * pack is refused: the server reloads the pack from its own folder, so
 * saves elsewhere would change nothing it runs.
 */
export function resolveWatchPath(given: string | undefined, packName: string, packDir: string | undefined): string {
  if (!packDir) throw new UsageFailure(`pack '${packName}' was not loaded from a folder, so there is no folder of it to watch`);
  if (given === undefined) return join(packDir, 'src');
  const dir = resolve(packDir, given);
  if (!isWithin(packDir, dir)) {
    throw new UsageFailure(
      `--watch-path ${given}: ${dir} is outside the pack '${packName}' (${packDir}); the server reloads the pack from its own folder, so saves there would change nothing it runs. Give a folder inside the pack, relative to it (e.g. --watch-path src/)`,
    );
  }
  if (!isDirectory(dir)) throw new UsageFailure(`--watch-path ${given}: the pack '${packName}' has no folder ${dir} (a relative --watch-path is relative to the pack's folder, ${packDir})`);
  return dir;
}
