/**
 * `npm run bench -- studio-world`: the World and Tests panels as the studio
 * sees them, through the studio host (web mode, the same host the window
 * talks to) and the engine process it runs.
 *
 * 1. A world of 100,000 entities (the shipped packs and a pack that makes
 *    the rest at load), made and saved by a first start of the studio and
 *    opened by a second, as an author opens their world: the World panel's
 *    first list (a page of 200 rows, as
 *    the panel asks), a search by name and a query filter, timed from the
 *    studio API's call to its answer: the host, the link to the engine
 *    process, the engine's work and the way back. The first call of each
 *    is quoted apart (nothing cached). Targets: first list < 500 ms, a query
 *    filter < 200 ms. (What the engine alone spends, and the live update's
 *    cost per tick with 1,000 players, is the `inspect` suite.)
 * 2. combat's tests started from the studio (the Tests panel's run, which
 *    reports as NDJSON) against `maid pack test` on the command line, in
 *    turns, with the studio's engine running meanwhile in both. Target: the
 *    studio's median within 1.5x of the command line's.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioService } from '../../src/main/api/studio-service';
import { StudioHost } from '../../src/main/host/studio-host';
import type { EntityListRequest } from '../../src/shared/model';
import { median, percentile } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ENTITIES = 100_000;
const PAGE = 200;

/** A pack that fills the world up to ENTITIES at load: a name, a Health on every tenth (so a query has something to find). */
function crowdPack(count: number): string {
  return `import { defineComponent, type ContentPack, type GameEngine } from '@maid/engine';

export const Marker = defineComponent({ name: 'Marker', defaults: () => ({ name: '', n: 0 }) });
export const Vigour = defineComponent({ name: 'Vigour', defaults: () => ({ current: 30, max: 30 }) });

export default class CrowdPack implements ContentPack {
  manifest = { name: 'crowd', version: '1.0.0' };
  getComponents() {
    return [Marker, Vigour];
  }
  onLoad(engine: GameEngine) {
    for (let n = 0; n < ${count}; n++) {
      engine.world.ensureEntity('crowd:' + n, (e) => {
        e.add(Marker, { name: 'crowd ' + n, n });
        if (n % 10 === 0) e.add(Vigour);
      });
    }
  }
}
`;
}

interface ListTiming {
  what: string;
  matched: number;
  firstMs: number;
  medianMs: number;
  p90Ms: number;
  targetMs: number;
}

async function timeList(api: StudioService, what: string, request: EntityListRequest, runs: number, targetMs: number): Promise<ListTiming> {
  const once = async () => {
    const began = performance.now();
    const page = await api.listEntities({ ...request, offset: 0, limit: PAGE });
    return { ms: performance.now() - began, total: page.total };
  };
  const first = await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await once()).ms);
  return { what, matched: first.total, firstMs: first.ms, medianMs: median(times), p90Ms: percentile(times, 90), targetMs };
}

/** `maid pack test` as an author types it, timed from spawn to exit; throws when it fails. */
function cliRun(packDir: string, packsDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'maid.mjs'), 'pack', 'test', packDir, '--packs-dir', packsDir], { cwd: packDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - began) : reject(new Error(`maid pack test exited ${code}:\n${output.slice(-2000)}`))));
  });
}

async function studioRun(api: StudioService): Promise<number> {
  const began = performance.now();
  const run = await api.runPackTests('combat');
  if (run.state !== 'passed') throw new Error(`combat's tests from the studio: ${run.state} (${run.failed} failed) ${JSON.stringify(run.errors).slice(0, 1000)}`);
  return performance.now() - began;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

const suite: Suite = {
  name: 'studio-world',
  description: "the World panel's list over 100,000 entities and combat's tests from the Tests panel, through the studio host and its engine process",
  async run(context: SuiteContext): Promise<SuiteReport> {
    const work = await mkdtemp(join(tmpdir(), 'maid-bench-studio-world-'));
    const packsDir = join(work, 'packs');
    for (const name of ['starter-world', 'combat']) await cp(join(root, 'packs', name), join(packsDir, name), { recursive: true });
    await mkdir(join(packsDir, 'crowd', 'src'), { recursive: true });
    await writeFile(join(packsDir, 'crowd', 'package.json'), JSON.stringify({ name: '@packs/crowd', version: '1.0.0', private: true, type: 'module', main: 'src/pack.ts' }));
    // The shipped packs make a few dozen entities of their own; the crowd makes the rest of the 100,000.
    await writeFile(join(packsDir, 'crowd', 'src', 'pack.ts'), crowdPack(ENTITIES));
    const start = () => StudioHost.start({ mode: 'web', packsDir, dataDir: join(work, 'data'), gamePort: 0, consoleLog: false, logLevel: 'WARNING' });
    context.log('studio-world: a first start makes and saves the 100,000 entities');
    const firstBegan = performance.now();
    const first = await start();
    const firstBootMs = performance.now() - firstBegan;
    // The first tick saves every new entity (a second or so here); a stop waits for that save and flushes.
    await first.stop();
    context.log('studio-world: the studio opens the saved world');
    const bootBegan = performance.now();
    const host = await start();
    const api = new StudioService(host);
    try {
      const bootMs = performance.now() - bootBegan;
      const total = (await api.listEntities({ limit: 1 })).total;
      if (total < ENTITIES) throw new Error(`the world has ${total} entities, not ${ENTITIES}: the crowd pack did not load`);
      const runs = context.quick ? 5 : 30;
      context.log('studio-world: the entity list');
      const lists = [
        await timeList(api, 'first page, no filter', {}, runs, 500),
        await timeList(api, 'search by name ("crowd 9999")', { search: 'crowd 9999' }, runs, 500),
        await timeList(api, 'query "Vigour not Player"', { query: 'Vigour not Player' }, runs, 200),
        await timeList(api, 'query "Marker Vigour"', { query: 'Marker Vigour' }, runs, 200),
      ];
      const turns = context.quick ? 1 : 5;
      const combatDir = join(packsDir, 'combat');
      const cli: number[] = [];
      const studio: number[] = [];
      for (let t = 0; t < turns; t++) {
        context.log(`studio-world: combat's tests, turn ${t + 1} of ${turns}`);
        // Alternate which goes first, so neither always runs on a cache the other warmed.
        if (t % 2 === 0) {
          cli.push(await cliRun(combatDir, packsDir));
          studio.push(await studioRun(api));
        } else {
          studio.push(await studioRun(api));
          cli.push(await cliRun(combatDir, packsDir));
        }
      }
      const ratio = median(studio) / median(cli);
      return {
        tables: [
          {
            title: `The World panel's list over ${total.toLocaleString('en')} entities, through the studio API (${PAGE} rows a page; ${runs} runs after the first; the studio opened the saved world in ${(bootMs / 1000).toFixed(1)} s, made it in ${(firstBootMs / 1000).toFixed(1)} s)`,
            columns: ['request', 'matched', 'first (ms)', 'median (ms)', 'p90 (ms)', 'target (ms)'],
            rows: lists.map((l) => [l.what, l.matched.toLocaleString('en'), fmt(l.firstMs), fmt(l.medianMs), fmt(l.p90Ms), `< ${l.targetMs}`]),
          },
          {
            title: `combat's tests: the Tests panel's run against \`maid pack test\` (${turns} turns, in turns)`,
            columns: ['started from', 'runs (ms)', 'median (ms)'],
            rows: [
              ['the command line', cli.map((x) => x.toFixed(0)).join(' / '), median(cli).toFixed(0)],
              ['the studio', studio.map((x) => x.toFixed(0)).join(' / '), median(studio).toFixed(0)],
              ['studio ÷ command line', '', `${ratio.toFixed(2)}× (target ≤ 1.5×)`],
            ],
          },
        ],
        notes: ['The studio host runs its engine (100,000 entities, 10 ticks/s) throughout, also while the command line runs.'],
        data: { entities: total, bootMs, firstBootMs, lists, tests: { cli, studio, ratio } },
      };
    } finally {
      await host.stop();
      await rm(work, { recursive: true, force: true });
    }
  },
};

export default suite;
