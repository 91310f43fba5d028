import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the folder above `src/engine/index.ts`, found from this module (source or bundle). */
export function findRepoRoot(from = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'src', 'engine', 'index.ts'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function repoRoot(): string {
  const root = findRepoRoot();
  if (!root) throw new Error('MAID Studio: cannot find the repository (no src/engine/index.ts above this module)');
  return root;
}

/** Where electron-vite puts the builds. */
export const outDirs = (root = repoRoot()) => ({
  out: join(root, 'out'),
  main: join(root, 'out', 'main'),
  preload: join(root, 'out', 'preload'),
  renderer: join(root, 'out', 'renderer'),
});
