/**
 * Whether the server's processes collect garbage on one thread each.
 *
 * V8 scavenges and marks in parallel with helper threads, several per
 * process. On a machine of two cores the gateway and the engine already
 * want both: a scavenge then waits for helpers the other process keeps off
 * the cores, and a pause that takes 1-3 ms on one thread stretches to
 * 10-20. Measured here on 2 cores at 1,000 sessions (docs/benchmarks.md,
 * session 8): in 15-second runs round trip p99 13-20 ms with one GC thread
 * in both processes against 22-32 ms without; in 60-second runs 12.4-14.2
 * against 12.2 and 18.5, within the noise; never more CPU per command. With
 * more cores the helpers have cores of their own and shorten the pauses, so
 * `auto` keeps them there.
 *
 * V8 reads the flag only at start-up: the engine process gets it in its
 * execArgv; the gateway of `maid server start` restarts itself with it
 * (`withGcThreads`) before it opens anything.
 */
import { availableParallelism } from 'node:os';
import type { GcThreads } from '../engine/core/settings';

export const SINGLE_THREADED_GC = '--single-threaded-gc';

/** Whether `setting` means one GC thread on a machine with `cores` cores. */
export function singleThreadedGc(setting: GcThreads, cores = availableParallelism()): boolean {
  return setting === 'one' || (setting === 'auto' && cores <= 2);
}

/** The Node options that give a new process the GC `setting` asks for. */
export function gcExecArgv(setting: GcThreads, cores = availableParallelism()): string[] {
  return singleThreadedGc(setting, cores) ? [SINGLE_THREADED_GC] : [];
}

/** Whether this process collects garbage on one thread (it was started with the flag). */
export function runsSingleThreadedGc(): boolean {
  return process.execArgv.includes(SINGLE_THREADED_GC);
}

/**
 * Makes this process's GC what `setting` asks for: when it should run on
 * one thread and does not, the process replaces itself (same pid, same
 * standard streams, same arguments) with one started with the flag, and
 * this call does not return. It returns undefined when the GC already is
 * as asked, or why it cannot be changed (Windows has no execve; a process
 * started with an IPC channel would lose it; the call failed): the process
 * then goes on as it is.
 */
export function withGcThreads(setting: GcThreads, cores = availableParallelism()): string | undefined {
  if (!singleThreadedGc(setting, cores) || runsSingleThreadedGc()) return undefined;
  if (typeof process.execve !== 'function') return `this platform (${process.platform}) cannot restart a process in place`;
  if (process.channel) return 'it was started with an IPC channel, which a restart in place would lose';
  try {
    process.execve(process.execPath, [process.execPath, SINGLE_THREADED_GC, ...process.execArgv, ...process.argv.slice(1)], process.env);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined; // not reached: execve replaced the process
}
