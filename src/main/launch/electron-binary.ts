import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron binary installed with the `electron` package, if its
 * installer ran (it writes path.txt and the binary under dist/). On machines
 * where it could not, there is none and the studio runs in web mode.
 * ELECTRON_EXEC_PATH names a binary explicitly.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.ELECTRON_EXEC_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  const pkgDir = join(root, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Why there is no Electron binary, in one sentence for the console and for skipped tests. */
export const NO_ELECTRON_REASON =
  'No Electron binary is installed (node_modules/electron/path.txt is missing: its download is blocked by allowScripts); run `node node_modules/electron/install.js` where the download host is reachable.';
