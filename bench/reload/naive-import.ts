/**
 * The baseline the design warns about: reloading code with cache-busting
 * `import()`s. Node's ESM loader keeps every URL it has imported, so each
 * round keeps a whole copy of the module alive.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { collectGarbage } from '../lib/measure';

/** The combat pack's code as plain JS functions in one module: the same amount of code a reload evaluates. */
function combatAsOneModule(): string {
  const src = fileURLToPath(new URL('../../packs/combat/src/', import.meta.url));
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const js = transformSync(readFileSync(path, 'utf8'), { loader: 'ts', format: 'cjs' }).code;
        parts.push(`export function module_${parts.length}(exports, require, module) {\n${js}\n}`);
      }
    }
  };
  walk(src);
  return parts.join('\n');
}

export async function naiveImportLoop(count: number, log: (line: string) => void): Promise<{ before: number; after: number; perReloadMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'maid-bench-naive-'));
  const file = join(dir, 'combat.mjs');
  writeFileSync(file, combatAsOneModule());
  const url = pathToFileURL(file).href;
  const keep: unknown[] = [];
  for (let i = 0; i < 20; i++) keep.push(await import(`${url}?warm=${i}`));
  keep.length = 0;
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const mod = (await import(`${url}?v=${i}`)) as Record<string, unknown>;
    if (typeof mod.module_0 !== 'function') throw new Error('naive import did not load');
  }
  const perReloadMs = (performance.now() - started) / count;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  log(`naive import(): ${count} imports`);
  rmSync(dir, { recursive: true, force: true });
  return { before, after, perReloadMs };
}
