import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { outDirs } from '../paths';

/** The newest modification time of any file under the given paths (files or folders). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else newest = Math.max(newest, info.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** What each build output is made from. */
function inputsOf(root: string, target: 'renderer' | 'electron'): string[] {
  const common = [join(root, 'src', 'renderer'), join(root, 'src', 'shared'), join(root, 'electron.vite.config.ts'), join(root, 'package-lock.json'), join(root, 'tsconfig.web.json')];
  return target === 'renderer' ? common : [...common, join(root, 'src', 'main'), join(root, 'src', 'preload'), join(root, 'src', 'engine'), join(root, 'src', 'cli')];
}

/** True when the build for `target` is missing or older than its sources. */
export function isBuildStale(root: string, target: 'renderer' | 'electron'): boolean {
  const out = outDirs(root);
  const products = target === 'renderer' ? [join(out.renderer, 'index.html')] : [join(out.renderer, 'index.html'), join(out.main, 'index.js'), join(out.preload, 'index.cjs')];
  if (products.some((p) => !existsSync(p))) return true;
  const built = Math.min(...products.map((p) => statSync(p).mtimeMs));
  return newestMtime(inputsOf(root, target)) > built;
}

/** Runs `electron-vite build` (main, preload and renderer); progress goes to stderr. */
export function buildStudio(root: string): Promise<void> {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`electron-vite build failed (exit code ${code})`))));
  });
}

/** Builds when the output for `target` is missing or stale. */
export async function ensureBuilt(root: string, target: 'renderer' | 'electron', log: (line: string) => void): Promise<void> {
  if (!isBuildStale(root, target)) return;
  log('MAID Studio: building the studio (electron-vite build)...');
  await buildStudio(root);
}
