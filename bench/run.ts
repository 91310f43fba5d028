/**
 * The benchmark runner: `npm run bench -- [--quick] [suite...]`
 * (that is `node --expose-gc --import tsx bench/run.ts`).
 *
 * Runs the named suites (all of them when none is named), prints each one's
 * tables and writes its results to `bench/results/<suite>.json`.
 *
 * Adding a suite: write `bench/<name>/suite.ts` with a default export that
 * is a `Suite` (see `bench/lib/suite.ts`) and add one line to SUITES below.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { FULL, QUICK, hasGc, sink } from './lib/measure';
import { machineFacts } from './lib/machine';
import { formatTable, type Suite } from './lib/suite';

const SUITES: Record<string, () => Promise<{ default: Suite }>> = {
  ecs: () => import('./ecs/suite'),
  reload: () => import('./reload/suite'),
  server: () => import('./server/suite'),
  runaway: () => import('./runaway/suite'),
};

const USAGE = `usage: npm run bench -- [--quick] [suite...]
suites: ${Object.keys(SUITES).join(', ')}
  --quick   a short smoke run (few, short rounds); numbers are not for quoting`;

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith('-'));
  const names = argv.filter((a) => !a.startsWith('-'));
  if (flags.includes('--help') || flags.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknownFlags = flags.filter((f) => f !== '--quick');
  const unknownSuites = names.filter((n) => !(n in SUITES));
  if (unknownFlags.length > 0 || unknownSuites.length > 0) {
    console.error(`unknown ${[...unknownFlags, ...unknownSuites].join(', ')}\n${USAGE}`);
    return 2;
  }
  const quick = flags.includes('--quick');
  const options = quick ? QUICK : FULL;
  if (!hasGc()) console.error('note: gc is not exposed (run with node --expose-gc); rounds will not start from a collected heap');
  const machine = machineFacts();
  console.log(`node ${machine.node} · ${machine.nproc} CPUs · ${machine.cpuModel}${quick ? ' · QUICK run' : ''}`);

  const outDir = new URL('./results/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  for (const name of names.length > 0 ? names : Object.keys(SUITES)) {
    const load = SUITES[name];
    if (!load) continue;
    const suite = (await load()).default;
    const startedAt = new Date();
    const loadAtStart = loadavg();
    if ((loadAtStart[0] ?? 0) > machine.nproc * 0.75) {
      console.error(`note: load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} on ${machine.nproc} CPUs: other work is running, expect noisy numbers`);
    }
    const report = await suite.run({ quick, options, log: (line) => console.error(line) });
    console.log(`\n## ${suite.name}: ${suite.description}\n`);
    for (const table of report.tables) console.log(`${formatTable(table)}\n`);
    for (const note of report.notes ?? []) console.log(`- ${note}`);
    const file = new URL(`${suite.name}.json`, outDir);
    const record = {
      suite: suite.name,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      command: `node --expose-gc --import tsx bench/run.ts ${argv.join(' ')}`.trim(),
      quick,
      options,
      gcExposed: hasGc(),
      machine,
      /** 1/5/15-minute load averages when the suite started and ended: high values mean other work shared the CPUs. */
      loadAverage: { start: loadAtStart, end: loadavg() },
      notes: report.notes ?? [],
      data: report.data,
      sink: sink(),
    };
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`\nwrote ${file.pathname}`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
