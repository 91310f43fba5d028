/**
 * A compact record of one benchmark run, kept under version control in
 * docs/benchmarks/ (bench/results/ holds the raw results and is ignored):
 * what docs/benchmarks.md quotes can always be traced to the run it came
 * from — when, on which commit and machine, under what load, and the tables
 * exactly as the run printed them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MachineFacts } from './machine';
import type { Table } from './suite';

export const SUMMARY_DIR = fileURLToPath(new URL('../../docs/benchmarks/', import.meta.url));

export interface RunSummary {
  suite: string;
  startedAt: string;
  durationMs: number;
  command: string;
  /** The commit measured, `+dirty` when the work tree had changes. */
  commit: string;
  quick: boolean;
  machine: Pick<MachineFacts, 'node' | 'nproc' | 'cpuModel' | 'totalMemGiB'>;
  /** 1/5/15-minute load averages at the start and end. */
  loadAverage?: { start: number[]; end: number[] };
  tables: Table[];
  notes: string[];
}

/** The commit of the repository the bench runs from ("unknown" outside a git checkout). */
export function currentCommit(): string {
  const git = (args: string[]) => execFileSync('git', args, { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']);
    return git(['status', '--porcelain', '--untracked-files=no']) === '' ? commit : `${commit}+dirty`;
  } catch {
    return 'unknown';
  }
}

/** The file a run's summary goes to: `<suite>-<start time>.json`, so runs never overwrite each other. */
export function summaryPath(dir: string, suite: string, startedAt: string): string {
  return join(dir, `${suite}-${startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.json`);
}

/** Writes the summary; returns its path. */
export function writeRunSummary(summary: RunSummary, dir = SUMMARY_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = summaryPath(dir, summary.suite, summary.startedAt);
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}
