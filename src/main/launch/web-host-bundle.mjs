// The studio's host for web mode as one JavaScript bundle (out/web/studio.mjs),
// so starting the studio needs no TypeScript loader: it is rebuilt with
// esbuild (a few tens of milliseconds) whenever a source it is made of is
// newer than it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [join('src', 'main'), join('src', 'engine'), join('src', 'shared'), 'package.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The bundle's path, built first when missing or older than its sources. */
export async function ensureWebHostBundle(root, options = {}) {
  const outfile = join(root, 'out', 'web', 'studio.mjs');
  const stale = !existsSync(outfile) || Math.max(...SOURCES.map((s) => newestMtime(join(root, s)))) > statSync(outfile).mtimeMs;
  if (stale || options.force) {
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(root, 'src', 'main', 'launch', 'cli.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
  }
  return outfile;
}
