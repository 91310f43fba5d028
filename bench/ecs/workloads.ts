/**
 * The ECS workloads, after the well-known JS ECS benchmark suite
 * (noctjs/ecs-benchmark): what each one does, its sizes, and the shape every
 * library's implementation follows so that all of them do the same work.
 *
 * Every component holds one number, `value`. Each op returns how many
 * entity visits (or creations/destructions, adds/removes) it made, so the
 * harness can consume it and the equivalence test can compare it.
 */

export const WORKLOADS = ['packed_5', 'simple_iter', 'frag_iter', 'entity_cycle', 'add_remove'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export interface WorkloadInfo {
  title: string;
  /** What one op does. */
  op: string;
  /** The dataset, at the full size. */
  dataset: string;
}

/** Sizes: `n` as used by each workload (see `dataset`). */
export type Sizes = Record<WorkloadName, number>;

/** The suite's usual sizes. */
export const FULL_SIZES: Sizes = { packed_5: 1000, simple_iter: 1000, frag_iter: 100, entity_cycle: 1000, add_remove: 1000 };
/** Tiny sizes for the equivalence test. */
export const SMALL_SIZES: Sizes = { packed_5: 12, simple_iter: 5, frag_iter: 3, entity_cycle: 7, add_remove: 9 };

export const INFO: Record<WorkloadName, WorkloadInfo> = {
  packed_5: {
    title: 'packed iteration, 5 queries',
    dataset: '1,000 entities, each with A, B, C, D, E',
    op: '5 systems: for each of A..E, every entity holding it doubles its value',
  },
  simple_iter: {
    title: 'simple iteration, 3 systems',
    dataset: '4 × 1,000 entities: (A,B), (A,B,C), (A,B,C,D), (A,B,C,E)',
    op: '3 systems, each swapping two values: (A,B), (C,D), (C,E)',
  },
  frag_iter: {
    title: 'fragmented iteration, 26 types',
    dataset: '26 × 100 entities: one letter component A..Z each, plus Data',
    op: 'every Data entity doubles Data.value; every Z entity doubles Z.value',
  },
  entity_cycle: {
    title: 'entity create/destroy',
    dataset: '1,000 entities with A',
    op: 'for each A entity create 2 entities with B (2,000), then destroy every B entity',
  },
  add_remove: {
    title: 'component add/remove',
    dataset: '1,000 entities with A',
    op: 'add B to every A entity, then remove B from every B entity',
  },
};

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** Components the digest reports, in this order. */
export const DIGEST_ORDER = ['A', 'B', 'C', 'D', 'E', 'Data', ...LETTERS.slice(5)];

/** The start value of component `name` on the i-th entity created for a workload. */
export function initialValue(name: string, i: number): number {
  return (i % 97) + 1 + DIGEST_ORDER.indexOf(name) * 1000;
}

/** A library-neutral picture of a world: one sorted line per entity, plus the last op's count. */
export interface Digest {
  entities: string[];
  lastOp: number;
}

/** One entity as a line: its components (in digest order) and their values. */
export function entityLine(values: ReadonlyMap<string, number>): string {
  const parts: string[] = [];
  for (const name of DIGEST_ORDER) {
    const v = values.get(name);
    if (v !== undefined) parts.push(`${name}=${v}`);
  }
  return parts.join(' ');
}

export function digest(lines: string[], lastOp: number): Digest {
  return { entities: lines.sort(), lastOp };
}

/** A workload set up in one library's world, ready to run. */
export interface Instance {
  /** One op; returns its visit count. */
  op(): number;
  /** The world's state, for the equivalence test. */
  digest(lastOp: number): Digest;
  /** Untimed housekeeping between rounds, if the library needs any. */
  beforeRound?(): void;
}

export interface Library {
  name: string;
  /** Library version, for the report. */
  version: string;
  setup(workload: WorkloadName, n: number): Instance;
}
