/**
 * The benchmarks fail loudly instead of measuring nothing: an edit whose
 * target text has moved throws (it would change nothing, and the bench would
 * wait for ever for its reload), a reload that never comes times out with a
 * reason; and a run writes the compact summary docs/benchmarks.md quotes from.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { livePack } from '../../bench/reload/live-pack';
import type { RunSummary } from '../../bench/lib/summary';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the reload bench's edits", () => {
  it('an edit whose text is not in the file throws, naming the file, and leaves the file as it was', async () => {
    const live = await livePack({ watch: true, debounce: 0.05 });
    try {
      const before = live.read('src/systems/combat.ts');
      expect(() => live.edit('src/systems/combat.ts', 'export const BASE_DAMAGE = 999;', 'export const BASE_DAMAGE = 1;')).toThrow(
        /"export const BASE_DAMAGE = 999;" is not in packs\/combat\/src\/systems\/combat\.ts/,
      );
      expect(live.read('src/systems/combat.ts')).toBe(before);
      // The same edit with the text that is there reloads.
      const next = live.nextReload();
      live.edit('src/systems/combat.ts', 'export const BASE_DAMAGE = 10;', 'export const BASE_DAMAGE = 11;');
      expect((await next).result.success).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('waiting for a reload that never comes fails with the reason instead of hanging', async () => {
    const live = await livePack({ watch: true, debounce: 0.05 });
    try {
      await expect(live.nextReload(300)).rejects.toThrow('bench: the reload of combat did not happen within 0.3 s');
    } finally {
      await live.close();
    }
  });
});

describe('a bench run keeps its summary', () => {
  it('`npm run bench -- --quick --summary-dir DIR --results-dir RAW reload` writes the tables it printed, the commit and the machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maid-bench-summary-'));
    const raw = mkdtempSync(join(tmpdir(), 'maid-bench-results-'));
    temp.push(dir, raw);
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/run.ts', '--quick', '--summary-dir', dir, '--results-dir', raw, 'reload'], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^reload-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
    const summary = JSON.parse(readFileSync(join(dir, files[0] as string), 'utf8')) as RunSummary;
    expect(summary).toMatchObject({ suite: 'reload', quick: true, machine: { nproc: expect.any(Number) } });
    expect(summary.commit).toMatch(/^[0-9a-f]{7,}(\+dirty)?$/);
    const latency = summary.tables.find((t) => t.title?.startsWith('Reload latency'));
    expect(latency?.rows.map((r) => r[0])).toContain('one-line change to combat.ts');
    // The printed table carries the same figures.
    expect(run.stdout).toContain(`| ${latency?.rows[0]?.[0]}`);
    expect(run.stdout).toContain(`wrote ${join(dir, files[0] as string)}`);
    expect(readdirSync(raw)).toEqual(['reload.json']);
  }, 120_000);
});
