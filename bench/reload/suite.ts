/**
 * `npm run bench -- reload`: how long a hot reload takes and whether it leaks.
 *
 * 1. A one-line change to one module of `combat`, timed from the watcher's
 *    debounced event (its `Triggering reload` log line) to the recorded result.
 * 2. The same with 10,000 entities holding `Health` and a change that raises
 *    Health's version, so a migration runs over all of them.
 * 3. 1,000 consecutive reloads: heap after a forced GC, beside a naive loop of
 *    cache-busting `import()`s of the same amount of code, in the same process.
 */
import { median, percentile, collectGarbage } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite';
import { livePack } from './live-pack';
import { naiveImportLoop } from './naive-import';

const ms = (x: number) => x.toFixed(2);

async function oneLineChange(ctx: SuiteContext, runs: number): Promise<number[]> {
  const live = await livePack({ watch: true, debounce: 0.05 });
  const rel = 'src/systems/combat.ts';
  const original = live.read(rel);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const done = live.nextReload();
    live.edit(rel, 'export const BASE_DAMAGE = 10;', `export const BASE_DAMAGE = ${11 + i};`, original);
    const { result, at } = await done;
    if (!result.success) throw new Error(`reload failed: ${result.error?.message}`);
    const trigger = live.triggers.at(-1) ?? at;
    times.push(at - trigger);
  }
  ctx.log(`one-line change: ${runs} reloads`);
  await live.close();
  return times;
}

async function migrationChange(ctx: SuiteContext, runs: number, entities: number): Promise<{ times: number[]; migrated: number }> {
  const live = await livePack({ watch: true, debounce: 0.1 });
  const { Health } = await import('../../packs/combat/src/components/health');
  for (let i = 0; i < entities; i++) live.engine.world.createEntity().add(Health, { current: i % 100, max: 100 });
  const healthSrc = live.read('src/components/health.ts');
  const packSrc = live.read('src/pack.ts');
  const times: number[] = [];
  let migrated = 0;
  for (let i = 0; i < runs; i++) {
    const version = i + 2;
    const done = live.nextReload();
    live.edit('src/components/health.ts', 'version: 1,', `version: ${version},`, healthSrc);
    live.edit(
      'src/pack.ts',
      'getMigrations() {\n    return [];\n  }',
      `getMigrations() {\n    return Array.from({ length: ${version - 1} }, (_, k) => ({ component: 'Health', from: k + 1, to: k + 2, migrate: (d: { current: number; max: number }) => ({ ...d, generation: k + 2 }) }));\n  }`,
      packSrc,
    );
    const { result, at } = await done;
    if (!result.success) throw new Error(`reload failed: ${result.error?.message}`);
    migrated = result.stateDiff.components.Health?.entities ?? 0;
    times.push(at - (live.triggers.at(-1) ?? at));
  }
  ctx.log(`migration change: ${runs} reloads over ${migrated} entities`);
  await live.close();
  return { times, migrated };
}

async function heapOverReloads(ctx: SuiteContext, count: number): Promise<{ before: number; after: number; perReloadMs: number }> {
  const live = await livePack({ watch: false });
  const rel = 'src/systems/combat.ts';
  const original = live.read(rel);
  const reload = async (i: number) => {
    live.edit(rel, 'export const BASE_DAMAGE = 10;', `export const BASE_DAMAGE = ${11 + (i % 50)};`, original);
    const result = await live.engine.hotReload.reloadPack('combat', undefined, { trigger: 'file', changedFiles: [live.file(rel)] });
    if (!result.success) throw new Error(`reload failed: ${result.error?.message}`);
  };
  for (let i = 0; i < 20; i++) await reload(i); // warm-up: lazily built caches settle first
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < count; i++) await reload(i);
  const perReloadMs = (performance.now() - started) / count;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  ctx.log(`heap: ${count} reloads`);
  await live.close();
  return { before, after, perReloadMs };
}

const suite: Suite = {
  name: 'reload',
  description: 'hot reload latency and memory (combat pack, from the watcher event to the recorded result)',
  async run(ctx): Promise<SuiteReport> {
    const runs = ctx.quick ? 5 : 40;
    const heapCount = ctx.quick ? 100 : 1000;
    const entityCount = ctx.quick ? 1000 : 10_000;
    const oneLine = await oneLineChange(ctx, runs);
    const migration = await migrationChange(ctx, ctx.quick ? 3 : 20, entityCount);
    const ours = await heapOverReloads(ctx, heapCount);
    const naive = await naiveImportLoop(heapCount, ctx.log);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    const growth = (x: { before: number; after: number }) => x.after - x.before;
    const data = {
      oneLine: { runs, medianMs: median(oneLine), p90Ms: percentile(oneLine, 90), samples: oneLine },
      migration: { runs: migration.times.length, entities: migration.migrated, medianMs: median(migration.times), p90Ms: percentile(migration.times, 90), samples: migration.times },
      heap: { reloads: heapCount, ours, naive, oursGrowthMB: growth(ours) / 2 ** 20, naiveGrowthMB: growth(naive) / 2 ** 20 },
    };
    return {
      tables: [
        {
          title: 'Reload latency, watcher event to recorded result (ms)',
          columns: ['case', 'runs', 'median', 'p90', 'target', 'met'],
          rows: [
            ['one-line change to combat.ts', String(runs), ms(data.oneLine.medianMs), ms(data.oneLine.p90Ms), '< 20', data.oneLine.medianMs < 20 ? 'yes' : 'NO'],
            [`Health v+1 + migration over ${migration.migrated} entities`, String(data.migration.runs), ms(data.migration.medianMs), ms(data.migration.p90Ms), '< 100', data.migration.medianMs < 100 ? 'yes' : 'NO'],
          ],
        },
        {
          title: `Heap used after forced GC, ${heapCount} consecutive reloads (MB)`,
          columns: ['loop', 'before', 'after', 'growth', 'ms per reload'],
          rows: [
            ['engine.hotReload (own module loader)', mb(ours.before), mb(ours.after), mb(growth(ours)), ms(ours.perReloadMs)],
            ['naive cache-busting import()', mb(naive.before), mb(naive.after), mb(growth(naive)), ms(naive.perReloadMs)],
          ],
        },
      ],
      notes: [`heap target: ours grows < 5 MB over ${heapCount} reloads: ${data.heap.oursGrowthMB < 5 ? 'met' : 'NOT met'}`],
      data,
    };
  },
};

export default suite;
