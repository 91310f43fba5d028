/**
 * `npm run bench -- ecs`: the standard JS ECS workloads on MAID's ECS, bitECS
 * and miniplex, side by side in one process, with the project's targets.
 *
 * Besides the three libraries, other ways of running MAID's iteration
 * workloads are measured in the same comparisons, for context: without the
 * per-op drain of the change record, one `entity.write` per entity over
 * `query.entities`, and the same walking queries with `for...of`.
 */
import { compareFresh, formatOps, type CaseResult } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport, Table } from '../lib/suite';
import { bitecs } from './bitecs';
import { miniplex } from './miniplex';
import { maid } from './ours';
import { maidEntityWrite } from './ours-entity-write';
import { maidIterator } from './ours-iterator';
import { FULL_SIZES, INFO, WORKLOADS, type Library, type WorkloadName } from './workloads';

export const LIBRARIES: Library[] = [maid(), bitecs, miniplex];
/** Other ways of running MAID's iteration workloads (same work), measured alongside. */
export const VARIANTS: Library[] = [maid({ drain: false }), maidEntityWrite(), maidIterator()];
const ITERATION: readonly WorkloadName[] = ['packed_5', 'simple_iter', 'frag_iter'];

/** What MAID must reach, per workload. */
export interface Target {
  text: string;
  met(opsPerSec: Record<string, number>): boolean;
}

export const TARGETS: Record<WorkloadName, Target> = {
  packed_5: { text: '≥ 50% of bitecs', met: (r) => (r.maid ?? 0) >= 0.5 * (r.bitecs ?? Infinity) },
  simple_iter: { text: '≥ 100% of miniplex', met: (r) => (r.maid ?? 0) >= (r.miniplex ?? Infinity) },
  frag_iter: { text: '≥ 50% of bitecs', met: (r) => (r.maid ?? 0) >= 0.5 * (r.bitecs ?? Infinity) },
  entity_cycle: { text: '≥ 10,000 op/s', met: (r) => (r.maid ?? 0) >= 10_000 },
  add_remove: { text: '≥ 10,000 op/s', met: (r) => (r.maid ?? 0) >= 10_000 },
};

export interface WorkloadResult {
  workload: WorkloadName;
  size: number;
  dataset: string;
  op: string;
  results: CaseResult[];
  medians: Record<string, number>;
  ratios: { maidOverBitecs: number; maidOverMiniplex: number };
  target: string;
  met: boolean;
}

function ratio(a: number | undefined, b: number | undefined): number {
  return a !== undefined && b !== undefined && b > 0 ? a / b : Number.NaN;
}

function pct(x: number): string {
  return Number.isNaN(x) ? '–' : `${(x * 100).toFixed(0)}%`;
}

/** Measures the workloads; each one's libraries are compared in the same sessions. */
export function runEcs(context: SuiteContext, libraries: Library[], workloads: readonly WorkloadName[] = WORKLOADS): WorkloadResult[] {
  const out: WorkloadResult[] = [];
  for (const workload of workloads) {
    const size = FULL_SIZES[workload];
    context.log(`ecs: ${workload} (${libraries.map((l) => l.name).join(', ')})`);
    const factories = libraries.map((lib) => ({
      name: lib.name,
      setup: () => {
        const instance = lib.setup(workload, size);
        return { name: lib.name, op: () => instance.op(), ...(instance.beforeRound ? { beforeRound: () => instance.beforeRound?.() } : {}) };
      },
    }));
    const results = compareFresh(factories, context.options);
    const medians = Object.fromEntries(results.map((r) => [r.name, r.opsPerSec.median]));
    for (const r of results) context.log(`  ${r.name.padEnd(20)} ${formatOps(r.opsPerSec.median).padStart(10)} op/s  (spread ${pct(r.opsPerSec.spread)})`);
    out.push({
      workload,
      size,
      dataset: INFO[workload].dataset,
      op: INFO[workload].op,
      results,
      medians,
      ratios: { maidOverBitecs: ratio(medians.maid, medians.bitecs), maidOverMiniplex: ratio(medians.maid, medians.miniplex) },
      target: TARGETS[workload].text,
      met: TARGETS[workload].met(medians),
    });
  }
  return out;
}

function tables(results: WorkloadResult[]): Table[] {
  const main: Table = {
    title: 'Median op/s (higher is better); ratios are MAID ÷ other',
    columns: ['workload', ...LIBRARIES.map((l) => l.name), 'maid/bitecs', 'maid/miniplex', 'target', 'met'],
    rows: results.map((r) => [
      r.workload,
      ...LIBRARIES.map((l) => formatOps(r.medians[l.name] ?? Number.NaN)),
      pct(r.ratios.maidOverBitecs),
      pct(r.ratios.maidOverMiniplex),
      r.target,
      r.met ? 'yes' : 'NO',
    ]),
  };
  const variants: Table = {
    title: 'MAID, other ways of running the iteration workloads (median op/s, and ÷ maid)',
    columns: ['workload', 'maid', ...VARIANTS.flatMap((v) => [v.name, '÷ maid'])],
    rows: results
      .filter((r) => ITERATION.includes(r.workload))
      .map((r) => [
        r.workload,
        formatOps(r.medians.maid ?? Number.NaN),
        ...VARIANTS.flatMap((v) => [formatOps(r.medians[v.name] ?? Number.NaN), pct(ratio(r.medians[v.name], r.medians.maid))]),
      ]),
  };
  const names = [...LIBRARIES, ...VARIANTS].map((l) => l.name);
  const detail: Table = {
    title: 'Median µs per op, and round-to-round spread (p90 − p10) ÷ median',
    columns: ['workload', ...names.flatMap((n) => [`${n} µs`, 'spread'])],
    rows: results.map((r) => [
      r.workload,
      ...names.flatMap((n) => {
        const c = r.results.find((x) => x.name === n);
        return c ? [c.medianOpUs.toFixed(1), pct(c.opsPerSec.spread)] : ['–', '–'];
      }),
    ]),
  };
  const perEntity: Table = {
    title: 'The same ops counted per entity: creations + destructions (entity_cycle) and component adds + removes (add_remove) per second',
    columns: ['workload', 'one op', ...LIBRARIES.map((l) => l.name)],
    rows: results
      .filter((r) => r.workload in PER_OP)
      .map((r) => {
        const per = PER_OP[r.workload as keyof typeof PER_OP];
        return [r.workload, `${formatOps(per(r.size))} ${r.workload === 'entity_cycle' ? 'creations + destructions' : 'adds + removes'}`, ...LIBRARIES.map((l) => formatOps((r.medians[l.name] ?? Number.NaN) * per(r.size)))];
      }),
  };
  return [main, variants, detail, perEntity];
}

/** How many entity-level operations one op of these workloads makes, at size n. */
const PER_OP = {
  // 2n entities created, then the same 2n destroyed.
  entity_cycle: (n: number) => 4 * n,
  // B added to n entities, then removed from them.
  add_remove: (n: number) => 2 * n,
};

export const suite: Suite = {
  name: 'ecs',
  description: 'packed/simple/fragmented iteration, entity create/destroy, component add/remove: MAID vs bitecs vs miniplex',
  run(context): SuiteReport {
    const results = WORKLOADS.flatMap((w) => runEcs(context, ITERATION.includes(w) ? [...LIBRARIES, ...VARIANTS] : LIBRARIES, [w]));
    const sessions = Math.max(LIBRARIES.length, 1);
    return {
      tables: tables(results),
      notes: [
        `libraries: ${LIBRARIES.map((l) => `${l.name} ${l.version}`).join(', ')}`,
        `sizes: ${WORKLOADS.map((w) => `${w} ${INFO[w].dataset}`).join('; ')}`,
        `each op of maid ends with world.takeChanges() (a tick's change-record drain); "${VARIANTS[0]?.name}" leaves it out`,
        `per workload: one session per compared case (≥ ${sessions}), each rebuilding every world in a rotated order; ${context.options.rounds} rounds of ≥ ${context.options.roundMs} ms per case in all, interleaved, after warm-up`,
      ],
      data: {
        libraries: [...LIBRARIES, ...VARIANTS].map((l) => ({ name: l.name, version: l.version })),
        sizes: FULL_SIZES,
        targets: Object.fromEntries(WORKLOADS.map((w) => [w, TARGETS[w].text])),
        workloads: results,
      },
    };
  },
};

export default suite;
