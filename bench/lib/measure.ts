/**
 * Shared timing helpers for the benchmark suites: warm-up, timed rounds,
 * medians and percentiles, op/s. An "op" is whatever one call of the
 * measured function does; suites define it and document it.
 *
 * Timing runs the op in calibrated batches so the clock is read about once a
 * millisecond, not once an op, and every op's return value is folded into a
 * sink so the work cannot be optimised away.
 */
import { performance } from 'node:perf_hooks';

/** The measured function: one op. Its return value is consumed. */
export type Op = () => number;

export interface MeasureOptions {
  /** Time spent running each case before anything is timed. */
  warmupMs: number;
  /** Number of timed rounds per case. */
  rounds: number;
  /** Minimum duration of one timed round. */
  roundMs: number;
  /** Target duration of one batch between clock reads (default 2 ms). */
  batchMs?: number;
}

export const FULL: MeasureOptions = { warmupMs: 1500, rounds: 15, roundMs: 400 };
export const QUICK: MeasureOptions = { warmupMs: 150, rounds: 5, roundMs: 60 };

export interface Round {
  ops: number;
  ms: number;
  opsPerSec: number;
}

export interface Stats {
  n: number;
  median: number;
  mean: number;
  min: number;
  max: number;
  p10: number;
  p90: number;
  /** Relative spread: (p90 - p10) / median. */
  spread: number;
}

export interface CaseResult {
  name: string;
  rounds: Round[];
  opsPerSec: Stats;
  /** Median time of one op, in microseconds. */
  medianOpUs: number;
}

/** What a compared case needs: an op, and optionally untimed work between rounds. */
export interface Case {
  name: string;
  op: Op;
  /** Runs before each timed round, outside the timing (e.g. to drain a log). */
  beforeRound?: () => void;
}

let sinkValue = 0;

/** Folds a value into the sink, so the computation that produced it stays live. */
export function consume(value: number): void {
  sinkValue = (sinkValue + value) % 1_000_003;
}

/** The sink's current value (print or store it to keep everything observable). */
export function sink(): number {
  return sinkValue;
}

export function now(): number {
  return performance.now();
}

/** Collects garbage if node runs with --expose-gc; a no-op otherwise. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/** The p-th percentile (0..100) of the values, interpolating between neighbours. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function summarize(values: readonly number[]): Stats {
  const n = values.length;
  const med = median(values);
  const p10 = percentile(values, 10);
  const p90 = percentile(values, 90);
  return {
    n,
    median: med,
    mean: n === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / n,
    min: n === 0 ? Number.NaN : Math.min(...values),
    max: n === 0 ? Number.NaN : Math.max(...values),
    p10,
    p90,
    spread: med > 0 ? (p90 - p10) / med : Number.NaN,
  };
}

/** Runs the op for about `ms` and returns how many ops fit in a batch of `batchMs`. */
export function warmUp(op: Op, ms: number, batchMs = 2): number {
  let ops = 0;
  let acc = 0;
  const start = now();
  let elapsed = 0;
  let batch = 1;
  do {
    for (let i = 0; i < batch; i++) acc += op();
    ops += batch;
    elapsed = now() - start;
    if (batch < 1 << 20) batch *= 2;
  } while (elapsed < ms);
  consume(acc);
  const perOp = elapsed / ops;
  return Math.max(1, Math.round(batchMs / perOp));
}

/** One timed round: whole batches until at least `ms` have passed. */
export function timeRound(op: Op, ms: number, batch: number): Round {
  let ops = 0;
  let acc = 0;
  const start = now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) acc += op();
    ops += batch;
    elapsed = now() - start;
  } while (elapsed < ms);
  consume(acc);
  return { ops, ms: elapsed, opsPerSec: (ops * 1000) / elapsed };
}

function result(name: string, rounds: Round[]): CaseResult {
  const opsPerSec = summarize(rounds.map((r) => r.opsPerSec));
  return { name, rounds, opsPerSec, medianOpUs: 1e6 / opsPerSec.median };
}

/**
 * Measures several cases side by side: each is warmed up, then the timed
 * rounds are interleaved (round 1 of every case, then round 2, ...) with the
 * order rotated each round, so drift in machine state hits every case alike.
 * Garbage is collected (untimed) before each round when gc is exposed.
 */
export function compare(cases: readonly Case[], options: MeasureOptions): CaseResult[] {
  const batches = cases.map((c) => {
    c.beforeRound?.();
    collectGarbage();
    return warmUp(c.op, options.warmupMs, options.batchMs);
  });
  const rounds: Round[][] = cases.map(() => []);
  for (let r = 0; r < options.rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length;
      const c = cases[i] as Case;
      c.beforeRound?.();
      collectGarbage();
      (rounds[i] as Round[]).push(timeRound(c.op, options.roundMs, batches[i] as number));
    }
  }
  return cases.map((c, i) => result(c.name, rounds[i] as Round[]));
}

/** A case that is built fresh (its data set up) for each session. */
export interface CaseFactory {
  name: string;
  setup(): Case;
}

/**
 * Like `compare`, for cases whose speed depends on where their data lands in
 * memory: what is built first gets the tidiest heap, what comes later fills
 * the gaps. So the measurement is split into sessions (as many as there are
 * cases, unless given); each session builds every case afresh in a rotated
 * order (collecting garbage after each), warms them up and runs its share of
 * the rounds. Every case is built first once, second once, and so on; the
 * statistics are over all rounds of all sessions.
 */
export function compareFresh(factories: readonly CaseFactory[], options: MeasureOptions, sessions = factories.length): CaseResult[] {
  const perSession = Math.max(1, Math.ceil(options.rounds / sessions));
  const warmupMs = Math.max(options.warmupMs / sessions, Math.min(options.warmupMs, 100));
  const rounds: Round[][] = factories.map(() => []);
  for (let s = 0; s < sessions; s++) {
    const built: Case[] = new Array<Case>(factories.length);
    for (let k = 0; k < factories.length; k++) {
      const i = (k + s) % factories.length;
      built[i] = (factories[i] as CaseFactory).setup();
      collectGarbage();
    }
    const results = compare(built, { ...options, warmupMs, rounds: perSession });
    results.forEach((r, i) => (rounds[i] as Round[]).push(...r.rounds));
  }
  return factories.map((f, i) => result(f.name, rounds[i] as Round[]));
}

/** Measures one case on its own. */
export function measure(c: Case, options: MeasureOptions): CaseResult {
  return compare([c], options)[0] as CaseResult;
}

/** Formats an op/s figure with thousands separators and no decimals. */
export function formatOps(opsPerSec: number): string {
  return Math.round(opsPerSec).toLocaleString('en-US');
}
