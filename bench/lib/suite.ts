/**
 * What a benchmark suite is: something `bench/run.ts` can run by name. A suite
 * measures, then hands back tables to print and data to store as JSON in
 * `bench/results/<suite>.json`.
 */
import type { MeasureOptions } from './measure';

export interface SuiteContext {
  /** Set by `--quick`: a short smoke run, numbers not meant to be quoted. */
  quick: boolean;
  /** Warm-up and round settings for this run (full or quick). */
  options: MeasureOptions;
  /** Progress output (stderr, so stdout stays the tables). */
  log: (line: string) => void;
}

export interface Table {
  title?: string;
  columns: string[];
  rows: string[][];
  /** Per column: left or right aligned (default: first column left, others right). */
  align?: ('left' | 'right')[];
}

export interface SuiteReport {
  tables: Table[];
  notes?: string[];
  /** Everything worth keeping; written as JSON. */
  data: unknown;
}

export interface Suite {
  name: string;
  description: string;
  run(context: SuiteContext): SuiteReport | Promise<SuiteReport>;
}

export function formatTable(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const alignOf = (i: number) => table.align?.[i] ?? (i === 0 ? 'left' : 'right');
  const cell = (text: string, i: number) => {
    const w = widths[i] ?? text.length;
    return alignOf(i) === 'left' ? text.padEnd(w) : text.padStart(w);
  };
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (alignOf(i) === 'left' ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const out = [line(table.columns), rule, ...table.rows.map(line)];
  return (table.title ? `${table.title}\n\n` : '') + out.join('\n');
}
