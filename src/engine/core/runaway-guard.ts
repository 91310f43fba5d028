import vm from 'node:vm';
import { MaidError } from './errors';
import { runawayContextReset } from './pack-context';
import { runawayLocator, type RunningFrame } from './runaway-locator';
import { beginBatch, endBatch } from './batch-clock';
import { cutsBySignal, INTERRUPTED_CODE } from './runaway-signal';

/** The kinds of pack code the engine calls, and so can cut off. */
export type PackCallKind = 'system' | 'command' | 'event' | 'timer' | 'hook' | 'module' | 'load';

/** One call into pack code: who to blame when it runs away. */
export interface PackCall {
  readonly kind: PackCallKind;
  /** The pack whose code it is; undefined for code registered outside any pack (a host's hook). */
  readonly packName: string | undefined;
  /** System class, command word, event name, timer function, hook name, module file, or the pack method loading it (`onLoad`). */
  readonly name: string;
  /** The function called, to find where it is defined; absent for module evaluation. */
  readonly fn?: (...args: never[]) => unknown;
}

/** A batch ran past the limit and V8 terminated it; `call` is the pack call that was running. */
export interface CutOff {
  readonly call: PackCall;
  readonly limitMs: number;
  /** How long the batch had run when it was stopped. */
  readonly elapsedMs: number;
  readonly timestamp: number;
  /** The top of the stack shortly before the cut-off (generated positions), when the locator caught it. */
  readonly running?: readonly RunningFrame[];
}

/** Thrown (or rejected) in place of the result of a pack call that was cut off. */
export class CutOffError extends MaidError {
  constructor(readonly cutOff: CutOff) {
    super(`${describeCall(cutOff.call)} ran for more than ${cutOff.limitMs} ms and was cut off`);
  }
}

/** `command 'spin' of pack 'arcade'`, `system Weather of pack 'starter-world'`. */
export function describeCall(call: PackCall): string {
  const owner = call.packName ? ` of pack '${call.packName}'` : '';
  switch (call.kind) {
    case 'system':
      return `System ${call.name}${owner}`;
    case 'command':
      return `Command '${call.name}'${owner}`;
    case 'event':
      return `Event handler for '${call.name}'${owner}`;
    case 'timer':
      return `Timer ${call.name}${owner}`;
    case 'hook':
      return `Reload hook ${call.name}${owner}`;
    case 'module':
      return `Module ${call.name}${owner}`;
    case 'load':
      return `${call.name}${owner}`;
  }
}

/** The cut-off behind an error, looking through the errors it was wrapped in. */
export function cutOffIn(err: unknown): CutOff | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof CutOffError) return e.cutOff;
  }
  return undefined;
}

const BATCH_SLOT = Symbol.for('maid.runaway.batch');
/** One compiled script, reused: it only calls whatever batch sits in the slot. */
const RUNNER = new vm.Script(`globalThis[Symbol.for('maid.runaway.batch')]()`, { filename: 'maid:runaway-guard' });
const TIMEOUT_CODE = 'ERR_SCRIPT_EXECUTION_TIMEOUT';
/** Where the process cuts off by signal, the watcher thread ends a batch (runaway-signal.ts). */
const BY_SIGNAL = { breakOnSigint: true } as const;

type Slot = { [BATCH_SLOT]?: () => void };

/**
 * Runs batches of pack calls synchronously under one `vm` limit: V8
 * terminates a batch that runs past `limitMs` and the engine goes on.
 * Starting a guarded run costs ~100 µs with a `vm` timeout (Node starts a
 * watchdog thread), ~2 µs where the process cut off by signal
 * (runaway-signal.ts: the engine host), a pack call well under 1 µs; so
 * callers guard a batch (a tick's systems, the commands that arrived
 * together), never each call, and name each call with `within` so a cut-off
 * knows whom to blame. Termination runs no `finally` blocks, which is why
 * the stack of calls survives it.
 */
export class RunawayGuard {
  private readonly calls: PackCall[] = [];
  private depth = 0;

  /** `limitMs` 0 turns the guard off: batches run unguarded. */
  constructor(readonly limitMs: number) {
    if (!Number.isInteger(limitMs) || limitMs < 0) throw new RangeError(`Runaway limit must be a whole number of milliseconds, 0 or more; got ${limitMs}`);
  }

  /** True inside a guarded batch: a nested batch runs inline, under the outer timeout. */
  get active(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `batch` to its end, or cuts it off after the limit and returns what
   * was running. Anything `batch` throws is thrown on, as from a plain call.
   */
  run(batch: () => void): CutOff | undefined {
    if (this.limitMs === 0 || this.depth > 0) {
      batch();
      return undefined;
    }
    const slot = globalThis as Slot;
    const outerCalls = this.calls.length;
    const resetContext = runawayContextReset();
    const started = performance.now();
    // Started with the first batch (lazily), so it watches this one already.
    const locator = runawayLocator();
    const seq = beginBatch(this.limitMs);
    slot[BATCH_SLOT] = batch;
    this.depth++;
    try {
      RUNNER.runInThisContext(cutsBySignal() ? BY_SIGNAL : { timeout: this.limitMs });
      return undefined;
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code !== TIMEOUT_CODE && code !== INTERRUPTED_CODE) throw err;
      const call = this.calls[this.calls.length - 1] ?? { kind: 'module', packName: undefined, name: '(engine code between pack calls)' };
      // What the terminated code had set up and never undid.
      this.calls.length = outerCalls;
      resetContext();
      const running = locator?.framesOf(seq);
      return { call, limitMs: this.limitMs, elapsedMs: Math.round(performance.now() - started), timestamp: Date.now(), ...(running ? { running } : {}) };
    } finally {
      endBatch();
      this.depth--;
      slot[BATCH_SLOT] = undefined;
    }
  }

  /** Names the pack call `fn` makes, for the cut-off report; no guard of its own. */
  within<T>(call: PackCall, fn: () => T): T {
    this.calls.push(call);
    try {
      return fn();
    } finally {
      this.calls.pop();
    }
  }

  /**
   * Runs `each` over `items` in one guarded batch. After a cut-off the
   * culprit is reported through `cutOff` and the items after it run under a
   * fresh guard, so one runaway costs the others a delay, never their turn.
   */
  runEach<T>(items: readonly T[], each: (item: T) => void, cutOff: (item: T, what: CutOff) => void): void {
    let next = 0;
    while (next < items.length) {
      const stopped = this.run(() => {
        while (next < items.length) each(items[next++] as T);
      });
      if (!stopped) return;
      cutOff(items[next - 1] as T, stopped);
    }
  }
}
