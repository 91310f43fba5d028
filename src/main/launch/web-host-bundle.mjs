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

/** The bundle's path, built first when missing or older than its sources (with the type-check worker beside it). */
export async function ensureWebHostBundle(root, options = {}) {
  const outdir = join(root, 'out', 'web');
  const outfile = join(outdir, 'studio.mjs');
  const products = [outfile, join(outdir, 'type-check-worker.mjs')];
  const built = products.every((p) => existsSync(p)) ? Math.min(...products.map((p) => statSync(p).mtimeMs)) : 0;
  const stale = built === 0 || Math.max(...SOURCES.map((s) => newestMtime(join(root, s)))) > built;
  if (stale || options.force) {
    const { build } = await import('esbuild');
    await build({
      // The worker is its own entry: the host starts it from the file next to itself.
      entryPoints: { studio: join(root, 'src', 'main', 'launch', 'cli.ts'), 'type-check-worker': join(root, 'src', 'main', 'types', 'type-check-worker.ts') },
      outdir,
      outExtension: { '.js': '.mjs' },
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
