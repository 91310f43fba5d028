import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageFailure } from '../args';

const isDirectory = (dir: string) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * The folder `maid dev reload --watch` watches: `--watch-path` relative to
 * the current folder, or else to the pack's folder (so `--watch-path src/`
 * works from either); without it, the pack's `src/`.
 */
export function resolveWatchPath(given: string | undefined, packName: string, packDir: string | undefined, cwd = process.cwd()): string {
  if (given === undefined) {
    if (!packDir) throw new UsageFailure(`pack '${packName}' was not loaded from a folder, so there is nothing to watch by default; give --watch-path`);
    return join(packDir, 'src');
  }
  const candidates = [resolve(cwd, given)];
  if (packDir && !isAbsolute(given)) candidates.push(resolve(packDir, given));
  const found = candidates.find(isDirectory);
  if (!found) throw new UsageFailure(`--watch-path ${given}: no such folder (looked for ${[...new Set(candidates)].join(' and ')})`);
  return found;
}
