import { basename, sep } from 'node:path';

/** Source files a pack reloads on: code, JSON data, and area files (YAML, in `areas/`). */
export const WATCHED_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.json', '.yaml', '.yml'] as const;

const IGNORED_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'coverage']);

/** Files editors write beside the real one while saving: swap, backup and temp files. */
function isEditorArtefact(name: string): boolean {
  return (
    name.endsWith('~') || // emacs, gedit backups
    /\.(swp|swo|swx|tmp|temp|bak|orig|crswap)$/i.test(name) || // vim, VS Code, generic
    /^#.*#$/.test(name) || // emacs autosave
    name === '4913' || // vim's write test
    name.includes('___jb_') || // JetBrains safe-write
    /\.maid-tmp-[\w-]+$/.test(name) // the studio's own atomic saves
  );
}

/**
 * Whether a path under a watched folder is ignored (true) or can trigger a
 * reload (false). `kind` is unknown when the watcher has not looked at the
 * path yet: then only what is ignored whatever it is counts.
 */
export function isIgnoredPath(path: string, kind: 'file' | 'directory' | 'unknown' = 'file'): boolean {
  const parts = path.split(sep);
  for (const part of parts.slice(0, -1)) if (IGNORED_DIRS.has(part)) return true;
  const name = basename(path);
  if (name.startsWith('.')) return true;
  if (kind === 'directory') return IGNORED_DIRS.has(name);
  if (isEditorArtefact(name)) return true;
  if (kind === 'unknown') return IGNORED_DIRS.has(name);
  return !WATCHED_EXTENSIONS.some((ext) => name.endsWith(ext));
}
