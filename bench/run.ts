/**
 * The benchmark runner: `npm run bench -- [--quick] [suite...]`
 * (that is `node --expose-gc --import tsx bench/run.ts`).
 *
 * Runs the named suites (all of them when none is named), prints each one's
 * tables and writes its results to `bench/results/<suite>.json` (ignored by
 * git), and a compact summary of a full run to docs/benchmarks/ (kept under
 * version control: the figures docs/benchmarks.md quotes come from these).
 * `--summary-dir DIR` writes the summary there instead (a quick run too),
 * `--results-dir DIR` the raw results.
 *
 * Adding a suite: write `bench/<name>/suite.ts` with a default export that
 * is a `Suite` (see `bench/lib/suite.ts`) and add one line to SUITES below.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FULL, QUICK, hasGc, sink } from './lib/measure';
import { machineFacts } from './lib/machine';
import { formatTable, type Suite } from './lib/suite';
import { currentCommit, SUMMARY_DIR, writeRunSummary } from './lib/summary';

const SUITES: Record<string, () => Promise<{ default: Suite }>> = {
  ecs: () => import('./ecs/suite'),
  reload: () => import('./reload/suite'),
  server: () => import('./server/suite'),
  storage: () => import('./storage/suite'),
  hostile: () => import('./hostile/suite'),
  'telnet-input': () => import('./telnet-input/suite'),
  runaway: () => import('./runaway/suite'),
  inspect: () => import('./inspect/suite'),
  content: () => import('./content/suite'),
  gateway: () => import('./gateway/suite'),
  'studio-world': () => import('./studio-world/suite'),
};

const USAGE = `usage: npm run bench -- [--quick] [--summary-dir DIR] [--results-dir DIR] [suite...]
suites: ${Object.keys(SUITES).join(', ')}
  --quick             a short smoke run (few, short rounds); numbers are not for quoting (no summary in docs/benchmarks/)
  --summary-dir DIR   write the run's summary to DIR instead of docs/benchmarks/ (a quick run's too)
  --results-dir DIR   write the raw results to DIR instead of bench/results/`;

async function main(argv: string[]): Promise<number> {
  const dirs: Record<string, string | undefined> = { '--summary-dir': undefined, '--results-dir': undefined };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!(arg in dirs)) rest.push(arg);
    else if (!argv[i + 1] || argv[i + 1]?.startsWith('-')) {
      console.error(`${arg} needs a folder\n${USAGE}`);
      return 2;
    } else dirs[arg] = argv[++i];
  }
  const summaryDir = dirs['--summary-dir'];
  const flags = rest.filter((a) => a.startsWith('-'));
  const names = rest.filter((a) => !a.startsWith('-'));
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
  const commit = currentCommit();
  console.log(`node ${machine.node} · ${machine.nproc} CPUs · ${machine.cpuModel}${quick ? ' · QUICK run' : ''}`);

  const outDir = dirs['--results-dir'] ? pathToFileURL(`${resolve(dirs['--results-dir'])}/`) : new URL('./results/', import.meta.url);
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
    if (!quick || summaryDir) {
      const { node, nproc, cpuModel, totalMemGiB } = machine;
      const summary = writeRunSummary(
        { suite: suite.name, startedAt: record.startedAt, durationMs: record.durationMs, command: record.command, commit, quick, machine: { node, nproc, cpuModel, totalMemGiB }, loadAverage: record.loadAverage, tables: report.tables, notes: record.notes },
        summaryDir ?? SUMMARY_DIR,
      );
      console.log(`wrote ${summary} (the summary to keep: commit it with the figures you quote)`);
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
