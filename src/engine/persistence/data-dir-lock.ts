/**
 * One process per data directory: `maid server start` and the studio both
 * take `<dataDir>/data-dir.lock` before they open the world, so two of them
 * never share a database or its admin token. The lock is a file created
 * exclusively (O_EXCL) holding the owner's PID; a file whose PID is gone is
 * stale (a crash) and is taken over. While a live process holds it, the
 * newcomer says who holds it and waits, for a process that is stopping; it
 * gives up after a timeout with the same words. A holder that answers as a
 * running server is reported at once (`isRunning`).
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MaidError } from '../core/errors';
import { preparePrivateDir } from '../storage/private-files';

export const LOCK_FILE = 'data-dir.lock';
/** How long a newcomer waits for the holder by default, in ms. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** Lock files this process holds: a second taker in the same process waits like any other. */
const heldHere = new Set<string>();
/** An unreadable lock younger than this may be one being written right now. */
const WRITE_GRACE_MS = 2000;

export interface LockHolder {
  pid: number;
  /** What holds it: `maid server`, `maid studio`. */
  owner: string;
  /** Epoch ms. */
  startedAt: number;
}

export interface AcquireOptions {
  /** Named in the lock, for whoever finds it held. */
  owner: string;
  /** How long to wait for a live holder before giving up; 0 gives up at once. */
  timeoutMs?: number;
  /** Told once, when the lock is found held and the wait begins. */
  onWaiting?(message: string, holder: LockHolder): void;
  /** Resolves true when the holder is a running server answering right now: no point waiting then. */
  isRunning?(holder: LockHolder): Promise<boolean>;
  /** Advice for when the lock is held (how to run beside the holder). */
  advice?: string;
  /** How often to look again, in ms. Default 100. */
  pollMs?: number;
}

/** The lock is held by a live process, and it was not released in time. */
export class DataDirLockedError extends MaidError {
  constructor(
    message: string,
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(message);
  }
}

/** True when a process with this id exists (signal 0 checks without signalling). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On Linux, whether the process is stopped (SIGSTOP, Ctrl-Z): state T in /proc/<pid>/stat. */
function isStopped(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'T' || state === 't';
  } catch {
    return false;
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return undefined;
    return { pid: parsed.pid, owner: typeof parsed.owner === 'string' ? parsed.owner.slice(0, 100) : 'a maid process', startedAt: typeof parsed.startedAt === 'number' ? parsed.startedAt : 0 };
  } catch {
    return undefined;
  }
}

function isOlderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return true; // gone: the next try creates it
  }
}

function describeHolder(holder: LockHolder): string {
  const since = holder.startedAt > 0 ? `, since ${new Date(holder.startedAt).toISOString()}` : '';
  const stopped = isStopped(holder.pid) ? `; that process is stopped (continue it with kill -CONT ${holder.pid}, or end it)` : '';
  return `PID ${holder.pid} (${holder.owner}${since})${stopped}`;
}

export class DataDirLock {
  private released = false;

  private constructor(
    readonly dataDir: string,
    readonly file: string,
    readonly holder: LockHolder,
  ) {}

  /** Takes the lock of `dataDir` (creating the folder, private), waiting for a live holder up to the timeout. */
  static async acquire(dataDir: string, options: AcquireOptions): Promise<DataDirLock> {
    const file = join(dataDir, LOCK_FILE);
    const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const pollMs = options.pollMs ?? 100;
    const advice = options.advice ? ` ${options.advice}` : '';
    const me: LockHolder = { pid: process.pid, owner: options.owner, startedAt: Date.now() };
    preparePrivateDir(dataDir);
    const deadline = Date.now() + timeoutMs;
    let told = false;
    for (;;) {
      try {
        writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o600 });
        heldHere.add(file);
        return new DataDirLock(dataDir, file, me);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new MaidError(`Cannot lock the data directory ${dataDir}: ${(err as Error).message}`, { cause: err });
        }
      }
      const holder = readHolder(file);
      if (!holder && !isOlderThan(file, WRITE_GRACE_MS)) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        continue;
      }
      if (!holder || (holder.pid === process.pid && !heldHere.has(file)) || !isAlive(holder.pid)) {
        // Stale (its process is gone) or unreadable (a crash mid-write): take it over, only if it is still the file we read.
        if (readHolder(file)?.pid === holder?.pid) rmSync(file, { force: true });
        continue;
      }
      if (options.isRunning && (await options.isRunning(holder))) {
        throw new DataDirLockedError(`Another ${holder.owner} (pid ${holder.pid}) is running with the data directory ${dataDir}.${advice}`, dataDir, holder);
      }
      const waiting = `The data directory ${dataDir} is locked by ${describeHolder(holder)}`;
      if (Date.now() >= deadline) {
        throw new DataDirLockedError(`Gave up after ${Math.round(timeoutMs / 100) / 10} s waiting for the lock: ${waiting}.${advice}`, dataDir, holder);
      }
      if (!told) {
        told = true;
        options.onWaiting?.(`${waiting}; waiting up to ${Math.round(timeoutMs / 100) / 10} s for it to be released...`, holder);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
    }
  }

  /** Gives the lock back (only if the file is still ours). Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.file);
    if (readHolder(this.file)?.pid === this.holder.pid) rmSync(this.file, { force: true });
  }
}
