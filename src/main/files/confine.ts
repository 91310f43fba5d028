import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { StudioError } from '../../shared/errors';
import { normalizePackPath } from '../../shared/pack-paths';

/** True when `child` is `root` or lies inside it (both absolute, already resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** The real path of the deepest part of `path` that exists (symlinks followed). */
async function realExistingPrefix(path: string): Promise<{ real: string; rest: string }> {
  let current = path;
  const missing: string[] = [];
  for (;;) {
    if (await exists(current)) {
      try {
        return { real: join(await realpath(current), ...missing.reverse()), rest: missing.join(sep) };
      } catch {
        // A dangling symlink: where it points does not exist, so nothing can be confined there.
        throw new StudioError('forbidden', `The path is refused: ${relative(dirname(path), current)} is a link to nowhere`);
      }
    }
    const parent = dirname(current);
    if (parent === current) return { real: path, rest: '' };
    missing.push(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    current = parent;
  }
}

export interface ConfinedPath {
  /** The path as the user named it, normalised: `src/systems/combat.ts`. */
  relative: string;
  /** The absolute path under the pack folder (not following symlinks). */
  lexical: string;
  /** Where it really leads on disk, symlinks followed: inside the pack's real folder. */
  real: string;
  /** The pack folder's real path (symlinks followed). */
  realRoot: string;
  /** `real` relative to `realRoot`, with `/`: the path a confined write walks, folder by folder. */
  realRelative: string;
}

/**
 * Resolves a path the renderer named against a pack folder, refusing any that
 * leads outside it: `..`, absolute paths, and symlinks (of the file or of any
 * folder on the way) that point out. Works for paths that do not exist yet
 * (a file about to be created) by checking the deepest folder that does.
 */
export async function confine(packDir: string, requested: string): Promise<ConfinedPath> {
  const rel = normalizePackPath(requested);
  const lexical = join(packDir, ...rel.split('/'));
  if (!isInside(packDir, lexical) || lexical === packDir) {
    throw new StudioError('forbidden', `The path ${JSON.stringify(requested)} is refused: it leads out of the pack folder`);
  }
  let realRoot: string;
  try {
    realRoot = await realpath(packDir);
  } catch {
    throw new StudioError('not-found', `The pack folder ${packDir} is gone`);
  }
  const { real } = await realExistingPrefix(lexical);
  if (!isInside(realRoot, real) || real === realRoot) {
    throw new StudioError('forbidden', `The path ${JSON.stringify(rel)} is refused: it leads out of the pack folder through a symbolic link`);
  }
  return { relative: rel, lexical, real, realRoot, realRelative: relative(realRoot, real).split(sep).join('/') };
}
