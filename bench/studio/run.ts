/**
 * `npm run bench:studio [-- --quick] [-- --write-docs]`: runs the studio
 * suite, prints its tables, stores bench/results/studio.json, and with
 * --write-docs replaces the `## Studio` section of docs/benchmarks.md
 * (other sections are left as they are).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../src/main/launch/studio-build';
import { machineFacts, packageVersion } from '../lib/machine';
import { formatTable } from '../lib/suite';
import { currentCommit, writeRunSummary } from '../lib/summary';
import { runStudioBench } from './suite';

const root = new URL('../../', import.meta.url);
const args = process.argv.slice(2);
const quick = args.includes('--quick');

await ensureBuilt(fileURLToPath(root), 'renderer', (l) => console.error(l));
const machine = machineFacts();
const startedAt = new Date();
const commit = currentCommit();
const report = await runStudioBench({ starts: quick ? 2 : 7, saves: quick ? 4 : 15, log: (l) => console.error(l) });
const tables = report.tables.map((t) => formatTable(t)).join('\n\n');
console.log(`${tables}\n\n${(report.notes ?? []).map((n) => `- ${n}`).join('\n')}`);

mkdirSync(new URL('bench/results/', root), { recursive: true });
writeFileSync(new URL('bench/results/studio.json', root), JSON.stringify({ suite: 'studio', at: new Date().toISOString(), machine, quick, data: report.data }, null, 2));
if (!quick) {
  const { node, nproc, cpuModel, totalMemGiB } = machine;
  const command = `npm run bench:studio -- ${args.join(' ')}`.trim();
  const file = writeRunSummary({ suite: 'studio', startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), command, commit, quick, machine: { node, nproc, cpuModel, totalMemGiB }, tables: report.tables, notes: report.notes ?? [] });
  console.error(`wrote ${file} (the summary to keep: commit it with the figures you quote)`);
}

if (args.includes('--write-docs')) {
  const docs = new URL('docs/benchmarks.md', root);
  const section = [
    '## Studio',
    '',
    `Measured by \`npm run bench:studio\` (bench/studio) on ${machine.nproc} CPUs (${machine.cpuModel}), Node ${machine.node}, Chromium from Debian, monaco-editor ${packageVersion('monaco-editor')}, ${new Date().toISOString().slice(0, 10)}${quick ? ' (QUICK run)' : ''}.`,
    'Web mode, as `npm run studio -- --web` starts it: a fresh Node process runs the bundled host (out/web/studio.mjs), which listens at once and boots the engine (both packs, the watcher, the game server) while the page loads; each start has a fresh copy of the packs and an empty data folder. The browser (Chromium from Debian) is already running. "Editor ready" is the pack tree shown, combat\'s system file open in Monaco and the caret in it. "Later launch" is a browser that loaded the studio before (same port, its bundles cached).',
    'The machine is shared with other work while this runs: the p90 and max columns show its load; the medians are the figures to quote.',
    '',
    tables,
    '',
    ...(report.notes ?? []).map((n) => `- ${n}`),
    '',
  ].join('\n');
  const current = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf('\n## Studio');
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf('\n## ', start + 1);
    next = `${current.slice(0, start)}\n${section}${after < 0 ? '' : current.slice(after)}`;
  }
  writeFileSync(docs, next.endsWith('\n') ? next : `${next}\n`);
  console.error('docs/benchmarks.md: ## Studio section written');
}
